/**
 * Pure validation returns a value plus diagnostics; only the CLI and the action decide how to
 * print them and which exit code they mean.
 */

export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly fix?: string | undefined;
}

export interface Validated<T> {
  readonly value: T;
  readonly warnings: readonly Diagnostic[];
}
