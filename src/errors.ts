/**
 * Typed errors. Every error the product raises on purpose carries a `code`; the CLI maps
 * `InputError` to exit 2 and prints `file:line: message` plus the fix, never a stack trace.
 */

export type InputErrorCode =
  | 'usage'
  | 'unknown-command'
  | 'unknown-option'
  | 'invalid-option'
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
  | 'invalid-settings'
  | 'invalid-lock'
  | 'lock-missing'
  | 'no-environment'
  | 'not-python';

export type RuntimeErrorCode =
  | 'git-failed'
  | 'fetch-failed'
  | 'install-failed'
  | 'python-failed'
  | 'cache-corrupt'
  | 'offline-miss'
  | 'cache-unusable'
  | 'report-unwritable'
  | 'output-unwritable'
  | 'cache-locked'
  | 'cache-miss'
  | 'lock-unwritable'
  | 'home-unwritable'
  | 'disk-full'
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
  /** For a misspelt name (`unknown-option`, `unknown-command`): the known name closest to it, when one is close. */
  readonly suggestion: string | undefined;

  constructor(
    code: InputErrorCode,
    message: string,
    where: ErrorLocation & { fix?: string | undefined; suggestion?: string | undefined } = {},
  ) {
    super(message);
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.fix = where.fix;
    this.suggestion = where.suggestion;
  }
}

/** A failure of the environment (git, network, installer, Python): reported per module where possible. */
export class RuntimeFailure extends Error {
  override readonly name = 'RuntimeFailure';
  readonly code: RuntimeErrorCode;
  readonly detail: string | undefined;
  /** What the user can do about it. */
  readonly fix: string | undefined;

  constructor(code: RuntimeErrorCode, message: string, detail?: string, fix?: string) {
    super(message);
    this.code = code;
    this.detail = detail;
    this.fix = fix;
  }
}

export function isRuntimeFailure(value: unknown): value is RuntimeFailure {
  return value instanceof RuntimeFailure;
}

/**
 * The exit codes of the CLI (the action fails the step on every non-zero one). Distinct so a script can tell a
 * module that failed from a machine that could not run the check and from a bug in this tool.
 */
export const EXIT_CODES = {
  ok: 0,
  moduleFailed: 1,
  badInput: 2,
  runtimeFailure: 3,
  internalError: 4,
  interruptedBySighup: 129,
  interruptedBySigint: 130,
  interruptedBySigterm: 143,
} as const;

/** `error[code]: message`, the program's own output indented under it, then the fix. */
export function formatRuntimeFailure(error: RuntimeFailure): string {
  const detail = error.detail?.trim()
    ? `\n${error.detail
        .trim()
        .split('\n')
        .map((line) => `  | ${line}`)
        .join('\n')}`
    : '';
  const fix = error.fix ? `\n  fix: ${error.fix}` : '';
  return `error[${error.code}]: ${error.message}${detail}${fix}`;
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
