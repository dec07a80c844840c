/**
 * One Python process per environment and run, started once the declarations are read and checked (bad input starts
 * nothing) and given its whole question on stdin: where the interpreter lives (executable, prefix, site directories)
 * and where the import system finds each conventional import name (`find_spec`, no import: no side effects). Both
 * answers come back when the process exits; the run resolves, checks the module cache or pins refs meanwhile.
 */

import type { Settled } from '../audit/module-audit.js';
import { PROBE_SCRIPT, type ProbeAnswer, probeAnswerIn, probeInput } from '../audit/probe.js';
import {
  ASK_TIMEOUT_MS,
  type AskResult,
  INTERPRETER_SCRIPT,
  interpreterAnswerIn,
} from '../environment/ask-interpreter.js';
import type { Wording } from '../options/option-wording.js';
import type { Env, Exec, ExecResult } from '../ports.js';

export interface InterpreterSession {
  readonly python: string;
  /** Where the interpreter lives, or why it could not say. */
  readonly interpreter: Promise<AskResult>;
  /** The import system's answers for the names it was asked about; null when it was asked about none. */
  readonly probe: Promise<Settled<ProbeAnswer>> | null;
}

// Both scripts in one process: the interpreter's marker line first, then the probe reads its request from stdin.
const SESSION_SCRIPT = `${INTERPRETER_SCRIPT}\nsys.stdout.flush()\n${PROBE_SCRIPT}`;

/**
 * Run with the run's environment and in the workspace, as `askInterpreter`: a shim picks its version from both.
 * `importNames` null or empty: the process only says where it lives.
 */
export function startInterpreterSession(
  exec: Exec,
  python: string,
  env: Env,
  cwd: string,
  importNames: readonly string[] | null,
  wording?: Wording,
): InterpreterSession {
  const names = [...new Set(importNames ?? [])];
  // -B as the audit's own probe: looking must not write __pycache__ into a clone.
  const finished: Promise<ExecResult> = exec.run(python, ['-I', '-B', '-c', SESSION_SCRIPT], {
    input: probeInput(
      names.map((module) => ({ module, attr: null })),
      false,
    ),
    env,
    cwd,
    timeoutMs: ASK_TIMEOUT_MS,
  });
  const probe: Promise<Settled<ProbeAnswer>> | null =
    names.length === 0
      ? null
      : finished.then((result) => {
          try {
            return { ok: true, value: probeAnswerIn(result, python, wording) };
          } catch (error) {
            return { ok: false, error };
          }
        });
  return { python, interpreter: finished.then((result) => interpreterAnswerIn(result, python)), probe };
}
