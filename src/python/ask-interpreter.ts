/**
 * One question to an interpreter its files do not place (target.ts): which executable really runs, its prefix and
 * its site directories. A wrapper script (a pyenv or asdf shim) is a file whose directory says nothing about the
 * environment; only the interpreter it starts knows. `-I` so the working directory and PYTHON* variables cannot change
 * the answer.
 */
import type { Env, Exec, ExecResult } from '../ports.js';
import { err, ok, type Result } from '../result.js';

export interface InterpreterAnswer {
  /** `sys.executable`: the interpreter that really ran. */
  readonly executable: string;
  readonly prefix: string;
  /** Site directories in `sys.path` order, and `site.getsitepackages()`, as the interpreter reports them. */
  readonly sitePackages: readonly string[];
  readonly isVenv: boolean;
}

/** The interpreter's answer, or why it gave none. */
export type AskResult = Result<InterpreterAnswer, string>;

/** The line the answer follows (a `.pth` file run at start-up may print before it). */
export const INTERPRETER_MARKER = '@@amplifier-modules-interpreter@@';

/** Prints the answer as one marker line. */
export const INTERPRETER_SCRIPT = `
import json, os, site, sys
dirs = [p for p in sys.path if os.path.basename(p) in ('site-packages', 'dist-packages')]
try:
    dirs += site.getsitepackages()
except Exception:
    pass
print('${INTERPRETER_MARKER}' + json.dumps({'executable': sys.executable, 'prefix': sys.prefix,
    'sitePackages': list(dict.fromkeys(dirs)), 'isVenv': sys.prefix != sys.base_prefix}))
`;

function parseAnswer(stdout: string): InterpreterAnswer | null {
  const line = stdout.split('\n').find((l) => l.startsWith(INTERPRETER_MARKER));
  if (!line) return null;
  try {
    const value = JSON.parse(line.slice(INTERPRETER_MARKER.length)) as Partial<InterpreterAnswer>;
    if (typeof value.executable !== 'string' || typeof value.prefix !== 'string') return null;
    const dirs = Array.isArray(value.sitePackages) ? value.sitePackages.filter((d) => typeof d === 'string') : [];
    return { executable: value.executable, prefix: value.prefix, sitePackages: dirs, isVenv: value.isVenv === true };
  } catch {
    return null;
  }
}

/** How long the interpreter may take to answer about itself (a cold shim may first resolve its version). */
export const ASK_TIMEOUT_MS = 60_000;

/** Run with the run's environment and in the workspace: a shim picks its version from PATH and `.python-version`. */
export async function askInterpreter(exec: Exec, python: string, env: Env, cwd: string): Promise<AskResult> {
  const result = await exec.run(python, ['-I', '-c', INTERPRETER_SCRIPT], { timeoutMs: ASK_TIMEOUT_MS, env, cwd });
  return interpreterAnswerIn(result, python);
}

/** The answer in a finished process's output, or why there is none. */
function interpreterAnswerIn(result: ExecResult, python: string): AskResult {
  if (result.spawnError) return err(`cannot start ${python}: ${result.spawnError}`);
  const answer = parseAnswer(result.stdout);
  if (answer && result.code === 0) return ok(answer);
  const tail = result.stderr.trim().split('\n').slice(-5).join('\n');
  return err(`${python} exited ${result.code ?? result.signal} without answering${tail ? `: ${tail}` : ''}`);
}
