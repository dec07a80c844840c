/**
 * Every code a `Finding` can carry, in one union, grouped by the stage that raises it. Tests, docs, the JSON report
 * and the fix suggestions switch on these; a new finding starts by adding its code here.
 */

/** fetch: pinning a ref, cloning, placing the checkout in the module cache. */
export type FetchFindingCode =
  | 'offline-miss'
  | 'git-failed'
  | 'ref-not-found'
  | 'unsafe-source'
  | 'not-a-module'
  | 'cache-write-failed'
  | 'subdirectory-escapes'
  | 'subdirectory-missing'
  /** `--locked` / `--frozen`: the resolution differs from the lock file, or `--frozen` met a source the lock lacks. */
  | 'lock-mismatch';

/** install: the batched editable install. */
export type InstallFindingCode = 'install-failed' | 'not-python';

/** audit: what the environment's files and the import system say about one module (see stages/audit/findings.ts). */
export type AuditFindingCode =
  | 'install-failed'
  | 'not-installed'
  | 'entry-point-missing'
  | 'entry-point-other-id'
  | 'entry-point-module-missing'
  | 'entry-point-attr-missing'
  | 'entry-point-duplicate'
  | 'editable-target-missing'
  | 'pth-target-missing'
  | 'pth-hook-missing'
  | 'finder-target-missing'
  | 'egg-link-target-missing'
  | 'link-target-missing'
  | 'origin-missing'
  | 'search-location-missing'
  | 'module-not-found'
  | 'installed-from-other-dir'
  | 'installed-not-editable'
  | 'origin-other-dir'
  | 'find-spec-error'
  | 'import-error'
  | 'orphan-pth'
  | 'sibling-clone'
  | 'loaded-by-import-name'
  | 'mount-missing'
  | 'install-state-interpreter-missing'
  | 'install-state-not-installed'
  | 'install-state-other-dir'
  | 'install-state-fingerprint'
  | 'install-state-removed'
  | 'reinstalled-by-doctor';

export type FindingCode = FetchFindingCode | InstallFindingCode | AuditFindingCode;
