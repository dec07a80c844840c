/**
 * One Python process per environment and run. It is started as soon as the interpreter is chosen, before the
 * declarations are read, so Python's start-up (site processing of every editable `.pth`) overlaps reading them. It
 * answers two questions: where the interpreter lives (executable, prefix, site directories) and, once the
 * declarations give the names, where the import system finds each conventional import name (`find_spec`, no import:
 * no side effects, so asking before anything is installed is safe). The names go in on stdin when they are known;
 * both answers come back when the process exits.
 */
import type { Settled } from '../audit/module-audit.js';
import { PROBE_SCRIPT, type ProbeAnswer, probeAnswerIn, probeInput } from '../audit/probe.js';
import {
  ASK_TIMEOUT_MS,
  type AskResult,
  INTERPRETER_SCRIPT,
  interpreterAnswerIn,
} from '../environment/ask-interpreter.js';
import type { Env, Exec, ExecResult } from '../ports.js';

export interface InterpreterSession {
  readonly python: string;
  /**
   * Gives the process its question: the import names to look up, or null for none (it then only says where it
   * lives). The first call counts; a session nobody asks is told "none" by `close`.
   */
  ask(importNames: readonly string[] | null): void;
  /** Ends a session that was never asked, so its process exits (a run that stopped before the environment stage). */
  close(): void;
  /** Where the interpreter lives, or why it could not say. */
  readonly interpreter: Promise<AskResult>;
  /** The import system's answers for the names given to `ask`; null when it was given none. */
  probe(): Promise<Settled<ProbeAnswer>> | null;
}

// Both scripts in one process: the interpreter's marker line first, then the probe reads its request from stdin.
const SESSION_SCRIPT = `${INTERPRETER_SCRIPT}\nsys.stdout.flush()\n${PROBE_SCRIPT}`;

/** Run with the run's environment and in the workspace, as `askInterpreter`: a shim picks its version from both. */
export function startInterpreterSession(exec: Exec, python: string, env: Env, cwd: string): InterpreterSession {
  let answer: ((names: readonly string[] | null) => void) | null = null;
  const asked = new Promise<readonly string[] | null>((resolve) => {
    answer = resolve;
  });
  const input = asked.then((names) =>
    probeInput(
      (names ?? []).map((module) => ({ module, attr: null })),
      false,
    ),
  );
  // -B as the audit's own probe: looking must not write __pycache__ into a clone.
  const finished: Promise<ExecResult> = exec.run(python, ['-I', '-B', '-c', SESSION_SCRIPT], {
    input,
    env,
    cwd,
    timeoutMs: ASK_TIMEOUT_MS,
  });
  let probe: Promise<Settled<ProbeAnswer>> | null = null;
  const ask = (names: readonly string[] | null): void => {
    if (answer === null) return;
    const unique = names === null ? [] : [...new Set(names)];
    answer(unique.length > 0 ? unique : null);
    answer = null;
    if (unique.length === 0) return;
    probe = finished.then(
      (result) => {
        try {
          return { ok: true, value: probeAnswerIn(result, python) };
        } catch (error) {
          return { ok: false, error };
        }
      },
      (error: unknown) => ({ ok: false, error }),
    );
  };
  return {
    python,
    ask,
    close: () => ask(null),
    interpreter: finished.then((result) => interpreterAnswerIn(result, python)),
    probe: () => probe,
  };
}
