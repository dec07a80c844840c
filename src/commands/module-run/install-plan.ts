/**
 * Which modules this run installs, and why: a module whose editable install is intact (the audit of the
 * environment as it is found nothing wrong) and whose build metadata matches what it was installed from is left
 * alone. Anything unknown (no record, unreadable metadata, a rebuilt environment) is installed again.
 */
import type { ModuleAudit } from '../../stages/audit/audit-modules.js';
import { locateClone } from '../../stages/audit/cache-siblings.js';
import { changedFiles, type Fingerprint } from '../../stages/install/fingerprint.js';
import type { InstallState } from '../../stages/install/install-records.js';

export interface PlanInput {
  readonly path: string;
  /** The audit of the module before this run installed anything; undefined when it was not audited. */
  readonly audit: ModuleAudit | undefined;
  readonly fingerprint: Fingerprint;
}

/** Why a module is installed in this run; null when it is audited as it is. */
export type InstallReason = string | null;

function movedReason(from: string | null, to: string): string {
  if (from === null) return `installed without an editable link to ${to}`;
  const before = locateClone(from);
  const after = locateClone(to);
  if (before && after && before.repo === after.repo && before.hash !== after.hash) {
    return `moved from hash ${before.hash} to ${after.hash}`;
  }
  return `moved from ${from} to ${to}`;
}

function auditReason(input: PlanInput): InstallReason {
  const { audit } = input;
  if (!audit) return 'not audited before installing';
  if (audit.status === 'ok') return null;
  const codes = new Set(audit.findings.map((f) => f.code));
  if (codes.has('not-installed')) return 'new';
  if (codes.has('installed-not-editable')) return 'installed as a regular package, not editable';
  if (audit.status === 'stale' || audit.status === 'dangling') return movedReason(audit.installedFrom, input.path);
  return `the installed module is ${audit.status} (${audit.findings[0]?.code ?? 'no finding'})`;
}

function metadataReason(input: PlanInput, state: InstallState): InstallReason {
  const { fingerprint } = input;
  if (!fingerprint.ok) return `metadata unreadable: ${fingerprint.error}`;
  const record = state.modules.get(input.path);
  if (!record) return state.lost === 'unreadable' ? 'install record unreadable' : 'no install record';
  if (record.pyproject_hash === fingerprint.value.combined) return null;
  const changed = changedFiles(record.files, fingerprint.value.files);
  return changed.length > 0 ? `${changed.join(' and ')} changed` : 'build metadata changed';
}

export function installReason(input: PlanInput, state: InstallState, reinstall: boolean): InstallReason {
  if (reinstall) return '--reinstall';
  if (state.lost === 'environment-rebuilt') return 'the environment was rebuilt since the last install';
  return auditReason(input) ?? metadataReason(input, state);
}
