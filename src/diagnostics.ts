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

/** A cause several modules share that lies in the environment, said once: the modules it failed, one fix. */
export interface EnvironmentFinding extends Diagnostic {
  /** The ids of the modules (and bundle packages) it failed. */
  readonly modules: readonly string[];
  /** The command that shows it for one of them alone. */
  readonly reproduce: string | null;
}
