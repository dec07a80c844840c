/**
 * Typed errors. Every error the product raises on purpose carries a `code`; the CLI maps
 * `InputError` to exit 2 and prints `file:line: message` plus the fix, never a stack trace.
 */

export type InputErrorCode =
  | 'usage'
  | 'file-unreadable'
  | 'yaml-syntax'
  | 'yaml-too-complex'
  | 'invalid-encoding'
  | 'invalid-type'
  | 'invalid-value'
  | 'invalid-source-type'
  | 'invalid-source'
  | 'unsafe-source'
  | 'invalid-module-id'
  | 'extends-cycle'
  | 'extends-not-found'
  | 'include-cycle'
  | 'include-not-found'
  | 'agent-not-found'
  | 'no-declarations'
  | 'invalid-settings';

export type RuntimeErrorCode =
  | 'git-failed'
  | 'fetch-failed'
  | 'install-failed'
  | 'python-failed'
  | 'python-missing'
  | 'cache-corrupt'
  | 'offline-miss'
  | 'internal';

export interface ErrorLocation {
  readonly file?: string | undefined;
  readonly line?: number | undefined;
}

/** Bad input from the user: exit code 2. `fix` tells the user what to change. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly code: InputErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly fix: string | undefined;

  constructor(code: InputErrorCode, message: string, where: ErrorLocation & { fix?: string | undefined } = {}) {
    super(message);
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.fix = where.fix;
  }
}

/** A failure of the environment (git, network, installer, Python): reported per module where possible. */
export class RuntimeFailure extends Error {
  override readonly name = 'RuntimeFailure';
  readonly code: RuntimeErrorCode;
  /** What the failing tool said (its output's tail), shown under the message. */
  readonly detail: string | undefined;
  /** What the user can do about it. */
  readonly fix: string | undefined;

  constructor(
    code: RuntimeErrorCode,
    message: string,
    more: string | { readonly detail?: string | undefined; readonly fix?: string | undefined } = {},
  ) {
    super(message);
    this.code = code;
    const extra = typeof more === 'string' ? { detail: more } : more;
    this.detail = extra.detail;
    this.fix = extra.fix;
  }
}

export function isRuntimeFailure(value: unknown): value is RuntimeFailure {
  return value instanceof RuntimeFailure;
}

export function isInputError(value: unknown): value is InputError {
  return value instanceof InputError;
}

/** `file:line: message` (the location parts only when known), then the fix on its own line. */
export function formatInputError(error: InputError): string {
  const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ''}: ` : '';
  const fix = error.fix ? `\n  fix: ${error.fix}` : '';
  return `error[${error.code}]: ${where}${error.message}${fix}`;
}

/** The message, what the failing tool said (indented), then the fix on its own line. */
export function formatRuntimeFailure(error: RuntimeFailure): string {
  const detail = error.detail ? `\n${error.detail.replace(/^/gm, '  ')}` : '';
  const fix = error.fix ? `\n  fix: ${error.fix}` : '';
  return `error[${error.code}]: ${error.message}${detail}${fix}`;
}
