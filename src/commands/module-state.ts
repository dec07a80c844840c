/**
 * What the run knows about each declaration as it moves through the stages. A stage only touches modules that
 * are still ok, so the first failure (unresolved, fetch, install, audit) is the one reported.
 */

import type { Finding, ModuleStatus, ResolvedModule, Source } from '../model.js';
import type { Wording } from '../options/option-wording.js';
import type { ModuleInstall, ReportModule } from '../report/report.js';
import { reportModule } from '../report/report-module.js';
import { suggestFix } from '../resolve/fix.js';

export interface ModuleState {
  /** Replaced once, by the warm stage, when a locked commit is checked out in the cache directory of url@<commit>. */
  resolved: ResolvedModule;
  status: ModuleStatus;
  findings: Finding[];
  fix: string | null;
  /** The resolution's source with the pinned commit filled in once known. */
  source: Source | null;
  fetch: ReportModule['fetch'];
  /** Not a Python package (amplifier.toml transport): not installed, not audited. */
  nonPython: boolean;
  /** install and verify: whether this run installed the module and why. */
  install: ModuleInstall | undefined;
}

export function initialStates(resolved: readonly ResolvedModule[], wording?: Wording): ModuleState[] {
  return resolved.map((r) => ({
    resolved: r,
    status: r.resolution.layer === null ? 'unresolved' : 'ok',
    findings: [],
    fix: r.resolution.layer === null ? suggestFix(r.declaration, r.resolution, wording) : null,
    source: r.resolution.source,
    fetch: undefined,
    nonPython: false,
    install: undefined,
  }));
}

export function fail(state: ModuleState, status: ModuleStatus, findings: readonly Finding[], fix: string | null): void {
  state.status = status;
  state.findings.push(...findings);
  state.fix = fix;
}

export function toReportModules(states: readonly ModuleState[]): ReportModule[] {
  return states.map((s) =>
    reportModule(s.resolved, {
      status: s.status,
      findings: s.findings,
      fix: s.fix,
      source: s.source,
      fetch: s.fetch,
      install: s.install,
    }),
  );
}
