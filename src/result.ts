/**
 * The one shape of "a value, or why there is none" for a step that can fail without it being exceptional (a check, a
 * probe, a clone that might not be whole). The caller must look at `ok` before it can reach either side, so a failure
 * cannot be mistaken for a value; the error side is a typed value (a reason, a problem with its code), never a throw.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}
