/**
 * The run's one interpreter: the environment chosen and located once (environment stage), and the only way a stage
 * starts that interpreter. Every question a run asks the environment's Python (the audit's probe, the installed
 * versions, `pip check`) goes through `run`, so each starts the interpreter the same way: the run's environment
 * variables and the workspace as working directory, as the interpreter was asked where it lives (a shim picks its
 * version from both).
 */
import type { Env, Exec, ExecResult } from '../ports.js';
import type { TargetEnvironment } from './target.js';

export interface PythonRunOptions {
  /** Given on stdin. */
  readonly input?: string | undefined;
  readonly timeoutMs: number;
}

export interface PythonSession {
  readonly environment: TargetEnvironment;
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
    run: (args, options) =>
      ports.exec.run(environment.python, args, {
        input: options.input,
        timeoutMs: options.timeoutMs,
        env: ports.env,
        cwd: workspace,
      }),
  };
}
