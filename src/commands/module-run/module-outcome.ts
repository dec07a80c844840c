/**
 * What the run knows about each declaration as it moves through the stages: a value each stage takes and returns
 * anew, never changed in place. A stage only touches modules that are still ok, so the first failure (unresolved,
 * fetch, install, audit) is the one reported.
 */

import type { Finding, ModuleStatus, ResolvedModule, Source } from '../../model.js';
import type { Wording } from '../../options/option-wording.js';
import type { ModuleInstall, ReportModule } from '../../report/report.js';
import { reportModule } from '../../report/report-module.js';
import { suggestFix } from '../../stages/resolve/fix.js';

export interface ModuleOutcome {
  /** Changed once, by the warm stage, when a locked commit is checked out in the cache directory of url@<commit>. */
  readonly resolved: ResolvedModule;
  readonly status: ModuleStatus;
  readonly findings: readonly Finding[];
  readonly fix: string | null;
  /** The resolution's source with the pinned commit filled in once known. */
  readonly source: Source | null;
  readonly fetch: ReportModule['fetch'];
  /** Not a Python package (amplifier.toml transport): not installed, not audited. */
  readonly nonPython: boolean;
  /** install and verify: whether this run installed the module and why. */
  readonly install: ModuleInstall | undefined;
}

export function initialOutcomes(resolved: readonly ResolvedModule[], wording?: Wording): ModuleOutcome[] {
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

/** The module as it is after a stage found it failing: its status, the findings added, the fix that now applies. */
export function failed(
  module: ModuleOutcome,
  status: ModuleStatus,
  findings: readonly Finding[],
  fix: string | null,
): ModuleOutcome {
  return { ...module, status, findings: [...module.findings, ...findings], fix };
}

/** The directory to install a module from; null when it is not installed (failed earlier, or a package source). */
export function installable(module: ModuleOutcome): string | null {
  const type = module.source?.type;
  return module.status === 'ok' && (type === 'git' || type === 'file') ? module.resolved.resolution.path : null;
}

export function toReportModules(modules: readonly ModuleOutcome[]): ReportModule[] {
  return modules.map((m) =>
    reportModule(m.resolved, {
      status: m.status,
      findings: m.findings,
      fix: m.fix,
      source: m.source,
      fetch: m.fetch,
      install: m.install,
    }),
  );
}
