/**
 * The audit's vocabulary: stable finding codes (tests, docs and the JSON report use them) and the module status
 * each one implies (README, "Troubleshooting: every status and finding code"). Informational codes do not change
 * the status.
 */
import type { AuditFindingCode } from '../../finding-codes.js';
import type { Finding, ModuleStatus } from '../../model.js';

export type { AuditFindingCode };

export type AuditStatus = Extract<
  ModuleStatus,
  'ok' | 'not-installed' | 'dangling' | 'stale' | 'import-error' | 'entry-point-mismatch' | 'install-failed'
>;

/** A finding plus the command or change that fixes it. Structurally a `Finding`, so it fits the report. */
export interface AuditFinding extends Finding {
  readonly code: AuditFindingCode;
  readonly fix?: string | undefined;
}

const STATUS_OF: Readonly<Record<AuditFindingCode, AuditStatus>> = {
  'install-failed': 'install-failed',
  'not-installed': 'not-installed',
  'entry-point-missing': 'entry-point-mismatch',
  'entry-point-other-id': 'entry-point-mismatch',
  'entry-point-module-missing': 'entry-point-mismatch',
  'entry-point-attr-missing': 'entry-point-mismatch',
  'entry-point-duplicate': 'ok',
  'editable-target-missing': 'dangling',
  'pth-target-missing': 'dangling',
  'pth-hook-missing': 'dangling',
  'finder-target-missing': 'dangling',
  'egg-link-target-missing': 'dangling',
  'link-target-missing': 'dangling',
  'origin-missing': 'dangling',
  'search-location-missing': 'dangling',
  'module-not-found': 'not-installed',
  'installed-from-other-dir': 'stale',
  'installed-not-editable': 'stale',
  'origin-other-dir': 'stale',
  'find-spec-error': 'import-error',
  'import-error': 'import-error',
  'orphan-pth': 'dangling',
  'sibling-clone': 'ok',
  // amplifier-core's fallback for a module without an entry point: a note on how it loads, not a failure.
  'loaded-by-import-name': 'ok',
  'mount-missing': 'import-error',
  'install-state-interpreter-missing': 'stale',
  'install-state-not-installed': 'not-installed',
  'install-state-other-dir': 'stale',
  'install-state-fingerprint': 'stale',
  'install-state-removed': 'ok',
  'reinstalled-by-doctor': 'ok',
};

/** Worst first: the status a module gets is the first one any of its findings implies. */
const SEVERITY: readonly AuditStatus[] = [
  'install-failed',
  'dangling',
  'not-installed',
  'stale',
  'entry-point-mismatch',
  'import-error',
  'ok',
];

export function statusOf(code: AuditFindingCode): AuditStatus {
  return STATUS_OF[code];
}

export function worstStatus(findings: readonly AuditFinding[]): AuditStatus {
  let worst = SEVERITY.length - 1;
  for (const finding of findings) worst = Math.min(worst, SEVERITY.indexOf(statusOf(finding.code)));
  return SEVERITY[worst] ?? 'ok';
}
