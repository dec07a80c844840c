/**
 * The run's one interpreter: the environment chosen and located once (environment stage), and the only way a stage
 * starts that interpreter. Every question a run asks the environment's Python (the audit's probe, the installed
 * versions, `pip check`, a pip install) goes through `run`, so each starts the interpreter the same way: the run's environment
 * variables and the workspace as working directory (a shim picks its version from both, and was asked where it lives
 * from there).
 */
import type { Env, Exec, ExecResult } from '../ports.js';
import type { TargetEnvironment } from './target.js';

export interface PythonRunOptions {
  /** Given on stdin; a promise lets the interpreter start before its input is known (Exec's `input`). */
  readonly input?: string | Promise<string> | undefined;
  readonly timeoutMs: number;
  /** The whole environment of the process, when it needs more than the run's (the installer's own settings). */
  readonly env?: Env | undefined;
  /** Each chunk of output as it arrives (a long install says it is still running). */
  readonly onOutput?: ((text: string) => void) | undefined;
}

export interface PythonSession {
  readonly environment: TargetEnvironment;
  /** The working directory of every start (the workspace); a tool run beside the interpreter (uv) uses it too. */
  readonly workspace: string;
  /** Starts the environment's interpreter with `args` (e.g. `-I -c <script>`) and waits for it. */
  run(args: readonly string[], options: PythonRunOptions): Promise<ExecResult>;
}

export function pythonSession(
  environment: TargetEnvironment,
  ports: { readonly exec: Exec; readonly env: Env },
  workspace: string,
): PythonSession {
  return {
    environment,
    workspace,
    run: (args, options) =>
      ports.exec.run(environment.python, args, {
        input: options.input,
        timeoutMs: options.timeoutMs,
        env: options.env ?? ports.env,
        cwd: workspace,
        onOutput: options.onOutput,
      }),
  };
}
