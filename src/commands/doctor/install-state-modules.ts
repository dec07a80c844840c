/**
 * doctor's report rows for Amplifier's install state: one per entry the environment contradicts, so a phantom
 * "installed" module fails the check by name; after `--fix`, the same rows say the entry was removed.
 */
import { basename } from 'node:path';
import type { ModuleKind } from '../../model.js';
import type { ReportModule } from '../../report/report.js';
import type { AuditFinding, AuditFindingCode } from '../../stages/audit/findings.js';
import { worstStatus } from '../../stages/audit/findings.js';
import type { InstallStateCheck, StaleEntry, StaleKind } from '../../stages/audit/install-state-check.js';

const CODE_OF: Readonly<Record<StaleKind, AuditFindingCode>> = {
  'interpreter-missing': 'install-state-interpreter-missing',
  'not-installed': 'install-state-not-installed',
  'other-directory': 'install-state-other-dir',
  'fingerprint-changed': 'install-state-fingerprint',
};

/** The module id Amplifier's naming convention gives the distribution, else the directory's name. */
function idOf(entry: StaleEntry): string {
  const name = entry.distribution;
  if (name && /^amplifier[-_.]module[-_.]/i.test(name)) return name.replace(/^amplifier[-_.]module[-_.]/i, '');
  return name ?? basename(entry.dir);
}

function findingsOf(check: InstallStateCheck, entry: StaleEntry): AuditFinding[] {
  if (check.removed) {
    return [
      {
        code: 'install-state-removed',
        message: `${entry.message}: its entry was removed from ${check.file}, so Amplifier reinstalls it on its next start`,
        file: check.file,
        target: entry.dir,
      },
    ];
  }
  return entry.kinds.map((kind) => ({
    code: CODE_OF[kind],
    message: `${check.file} says ${entry.dir} is installed, so Amplifier skips installing it, but ${entry.message}`,
    file: check.file,
    target: entry.dir,
    fix: `amplifier-modules doctor --fix (removes this entry from ${check.file}; Amplifier then reinstalls it)`,
  }));
}

export function installStateModules(
  check: InstallStateCheck,
  kindFromId: (id: string) => ModuleKind | null,
): ReportModule[] {
  return check.stale.map((entry) => {
    const id = idOf(entry);
    const findings = findingsOf(check, entry);
    const status = worstStatus(findings);
    return {
      id,
      kind: kindFromId(id),
      agent: null,
      declaredAt: null,
      declaredSource: null,
      resolution: { layer: null, source: null, trail: [] },
      path: entry.dir,
      status,
      findings,
      fix: status === 'ok' ? null : (findings.find((f) => f.fix)?.fix ?? null),
    };
  });
}
