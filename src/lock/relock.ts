/**
 * `lock`: the new lock from what resolved now and the commits pinned for it, and what changed against the old one
 * (added, removed, changed declaration, re-pinned old -> new). Which commits are kept is decided by the caller
 * (`keptCommits`); this only assembles and compares. Pure.
 */
import type { LockChange } from '../report/report.js';
import type { LockedModule, LockFile } from './lock-file.js';

export interface ModuleToLock {
  readonly key: string;
  /** The entry without its commit. */
  readonly entry: LockedModule;
  /** git sources: the repository key whose pin is the module's commit. */
  readonly repository: string | null;
}

/**
 * The repositories whose locked commit stays: every one the old lock has, unless `--update` re-pins it (all of them,
 * or those of the named modules; a repository shared with another module is re-pinned for both, since they share
 * one clone).
 */
export function keptCommits(
  old: LockFile | null,
  modules: readonly (ModuleToLock & { readonly id: string })[],
  update: { readonly all: boolean; readonly ids: ReadonlySet<string> },
): Map<string, string> {
  const kept = new Map<string, string>();
  if (!old || update.all) return kept;
  const repinned = new Set(modules.filter((m) => update.ids.has(m.id)).map((m) => m.repository));
  for (const module of modules) {
    const repository = module.repository;
    if (repository === null || repinned.has(repository)) continue;
    const commit = old.repositories.get(repository);
    if (commit) kept.set(repository, commit);
  }
  return kept;
}

export function buildLock(
  modules: readonly ModuleToLock[],
  repositoryCommits: ReadonlyMap<string, string>,
  includeCommits: ReadonlyMap<string, string>,
  skippedIncludes: ReadonlyMap<string, string> = new Map(),
): LockFile {
  const repositories = new Map<string, string>();
  const locked = new Map<string, LockedModule>();
  for (const module of modules) {
    const commit = module.repository === null ? undefined : repositoryCommits.get(module.repository);
    if (module.repository !== null && commit) repositories.set(module.repository, commit);
    locked.set(module.key, commit ? { ...module.entry, commit } : module.entry);
  }
  return {
    repositories,
    modules: locked,
    includes: new Map(includeCommits),
    skippedIncludes: new Map(skippedIncludes),
  };
}

function shortCommit(commit: string | undefined): string {
  return commit ? ` ${commit.slice(0, 12)}` : '';
}

function describe(entry: LockedModule): string {
  const layer = entry.layer === 'profile' ? '' : ` (${entry.layer} layer)`;
  return `${entry.source}${shortCommit(entry.commit)}${layer}`;
}

function sameDeclaration(a: LockedModule, b: LockedModule): boolean {
  return a.layer === b.layer && a.source === b.source && (a.subdirectory ?? null) === (b.subdirectory ?? null);
}

function moduleChanges(old: LockFile | null, next: LockFile): LockChange[] {
  const changes: LockChange[] = [];
  for (const [key, entry] of next.modules) {
    const before = old?.modules.get(key);
    if (!before) changes.push({ kind: 'added', entry: key, from: null, to: describe(entry) });
    else if (!sameDeclaration(before, entry))
      changes.push({ kind: 'changed', entry: key, from: describe(before), to: describe(entry) });
    else if (before.commit !== entry.commit)
      changes.push({ kind: 're-pinned', entry: key, from: before.commit ?? null, to: entry.commit ?? null });
  }
  for (const [key, entry] of old?.modules ?? []) {
    if (!next.modules.has(key)) changes.push({ kind: 'removed', entry: key, from: describe(entry), to: null });
  }
  return changes;
}

function includeChanges(old: LockFile | null, next: LockFile): LockChange[] {
  const changes: LockChange[] = [];
  for (const [uri, commit] of next.includes) {
    const before = old?.includes.get(uri);
    const entry = `include ${uri}`;
    if (!before) changes.push({ kind: 'added', entry, from: null, to: commit });
    else if (before !== commit) changes.push({ kind: 're-pinned', entry, from: before, to: commit });
  }
  for (const [uri, commit] of old?.includes ?? []) {
    if (!next.includes.has(uri)) changes.push({ kind: 'removed', entry: `include ${uri}`, from: commit, to: null });
  }
  return changes;
}

/** Every difference, modules first, each list in key order. */
export function lockChanges(old: LockFile | null, next: LockFile): LockChange[] {
  const byEntry = (a: LockChange, b: LockChange) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0);
  return [...moduleChanges(old, next).sort(byEntry), ...includeChanges(old, next).sort(byEntry)];
}
