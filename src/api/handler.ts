import type { z } from 'zod';
import type { CallContext } from './context.js';
import type { MethodSpec } from './define.js';

/** The implementation of a group of methods declared with defineMethods. */
export type HandlersFor<T extends Record<string, MethodSpec>> = {
  [M in keyof T]: (input: z.output<T[M]['input']>, ctx: CallContext) => Promise<z.input<T[M]['output']>> | z.input<T[M]['output']>;
};
