/**
 * Python's start-up is the largest single cost of an audit. Asking the import system where the conventional import
 * names are has no side effects (`find_spec`, no import), so the question is put as soon as the environment stage has
 * chosen the interpreter: it runs beside asking the interpreter where it lives, resolving, and checking or pinning
 * the module cache. Its answers are used only when nothing this run did before the audit can have changed them.
 */
import { type Settled, speculativeProbe } from '../audit/audit-modules.js';
import type { ProbeAnswer } from '../audit/probe.js';
import type { Declaration } from '../model.js';
import type { PipelinePorts } from '../pipeline-options.js';
import type { ModuleState } from './module-state.js';

export interface EarlyProbe {
  /** For the environment stage: starts the probe of these declarations once the interpreter is chosen. */
  starter(declarations: readonly Declaration[]): ((python: string) => void) | undefined;
  /**
   * The probe's answers for an audit of the environment as it was when the probe started: null when none was started,
   * when it asked another interpreter, or when this run placed a clone (fetched or restored from the CI cache), which
   * can move what an editable install points at while the probe runs.
   */
  answersFor(states: readonly Pick<ModuleState, 'fetch'>[], python: string): Promise<Settled<ProbeAnswer>> | null;
}

/** `enabled` false (an import check, a forced reinstall, a command that audits nothing): nothing is started. */
export function earlyProbe(ports: Pick<PipelinePorts, 'exec'>, enabled: boolean): EarlyProbe {
  let started: { readonly python: string; readonly answers: Promise<Settled<ProbeAnswer>> | null } | null = null;
  return {
    starter: (declarations) =>
      enabled
        ? (python) => {
            const ids = declarations.map((d) => d.id);
            started = { python, answers: speculativeProbe(ids, { exec: ports.exec, python }) };
          }
        : undefined,
    answersFor: (states, python) => {
      if (started === null || started.python !== python) return null;
      const placed = states.some((s) => s.fetch?.origin === 'network' || s.fetch?.origin === 'ci-cache');
      return placed ? null : started.answers;
    },
  };
}
