/**
 * Python's start-up is the largest single cost of an audit, so the audit's question (where the import system finds
 * each conventional import name: `find_spec`, no import, no side effects) rides in the interpreter session the
 * environment stage starts once the declarations are read. Its answers are used only when nothing this run did
 * before the audit can have changed them.
 */
import { conventionalImportName } from '../audit/dist-index.js';
import type { Settled } from '../audit/module-audit.js';
import type { ProbeAnswer } from '../audit/probe.js';
import type { Declaration } from '../model.js';
import type { InterpreterSession } from './interpreter-session.js';
import type { ModuleState } from './module-state.js';

export interface EarlyProbe {
  /** For the environment stage: the import names the session asks about, or null when the answers cannot be used. */
  question(declarations: readonly Declaration[]): readonly string[] | null;
  /**
   * The session's answers for an audit of the environment as it was when the session started: null when it was not
   * asked, when it ran another interpreter, or when this run placed a clone (fetched or restored from the CI cache),
   * which can move what an editable install points at while the probe runs.
   */
  answersFor(
    session: InterpreterSession | null,
    states: readonly Pick<ModuleState, 'fetch'>[],
    python: string,
  ): Promise<Settled<ProbeAnswer>> | null;
}

/**
 * Whether this run placed a clone (fetched it, or restored it from the CI cache): what an editable install points at
 * may have changed since an early answer about the environment was taken.
 */
export function placedAClone(states: readonly Pick<ModuleState, 'fetch'>[]): boolean {
  return states.some((s) => s.fetch?.origin === 'network' || s.fetch?.origin === 'ci-cache');
}

/** `enabled` false (an import check, a forced reinstall, a command that audits nothing): nothing is asked. */
export function earlyProbe(enabled: boolean): EarlyProbe {
  return {
    question: (declarations) => (enabled ? declarations.map((d) => conventionalImportName(d.id)) : null),
    answersFor: (session, states, python) => {
      if (!enabled || session === null || session.python !== python) return null;
      return placedAClone(states) ? null : session.probe;
    },
  };
}
