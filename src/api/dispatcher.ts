import { fieldPath } from '../model/validate.js';
import { StudioError, toStudioError } from '../model/index.js';
import { contract, type MethodName, type MethodOutput } from './contract.js';
import type { CallContext } from './context.js';
import { handlers } from './handlers/index.js';

/** Deepest input accepted; deeper (or cyclic) input is refused, so no key hides below the walk. */
const MAX_INPUT_DEPTH = 64;

/** True for plain objects that carry a prototype-polluting key anywhere inside, or nest too deeply to check. */
function hasPollutingKey(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > MAX_INPUT_DEPTH) return true;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return true;
    if (hasPollutingKey((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** True when `name` is a method of the contract (own key, not an inherited one). */
export function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * The one dispatcher: validates input against the contract (extra fields and
 * `__proto__` keys refused), refuses writes on a read-only workspace, runs the handler.
 * Throws StudioError only.
 */
export async function dispatch<M extends MethodName>(method: M | string, rawInput: unknown, ctx: CallContext): Promise<MethodOutput<M>> {
  if (typeof method !== 'string' || !isMethod(method)) throw new StudioError('not_found', `unknown method "${String(method)}"`);
  const spec = contract[method];
  if (hasPollutingKey(rawInput)) throw new StudioError('bad_input', `input contains a forbidden key (__proto__, constructor or prototype) or is nested more than ${MAX_INPUT_DEPTH} levels deep`);
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const field = fieldPath(first.path);
    throw new StudioError('bad_input', `${method}: ${field}: ${first.message}`, field, parsed.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })));
  }
  if ('mutates' in spec && spec.mutates && ctx.ws.readOnly) {
    throw new StudioError('read_only', `the workspace is open read-only (${ctx.ws.notices.join('; ') || 'read-only'}); ${method} cannot change it`);
  }
  try {
    const handler = handlers[method as MethodName] as (input: unknown, ctx: CallContext) => unknown;
    const out = await handler(parsed.data, ctx);
    return spec.output.parse(out) as MethodOutput<M>;
  } catch (err) {
    throw toStudioError(err);
  }
}
