import type { z } from 'zod';

/** One operation of the contract: its input and output schemas and a one-line description. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  description: string;
  /** Roles that may call it through the server; omitted means any studio user (not store tokens). */
  roles?: readonly ('editor' | 'manager')[];
  /** True when the method changes the workspace (refused on a read-only workspace). */
  mutates?: boolean;
}

/** Keeps literal method names and schema types when declaring a group of methods. */
export function defineMethods<T extends Record<string, MethodSpec>>(methods: T): T {
  return methods;
}
