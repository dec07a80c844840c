/**
 * `--locked`: the current resolution against the lock, as values. Each module that differs gets one line saying
 * how (`tool-bash: declared @main, locked @v1.2`) and the command that brings the lock up to date; entries the lock
 * holds that nothing declares any more, and includes that came or went, are diagnostics. Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { LayerName } from '../model.js';
import { parseGitUri } from '../source/git-uri.js';
import type { LockedModule, LockFile } from './lock-file.js';

/** A module as resolved now, in the lock's terms (its commit is what the lock will supply). */
export interface CurrentModule {
  /** The module id (what `lock --update` takes). */
  readonly id: string;
  /** Its key in the lock (`moduleKey`). */
  readonly key: string;
  readonly entry: LockedModule;
  /** git sources: the repository key (`url@ref`, no credentials) whose commit the lock must hold. */
  readonly repository: string | null;
}

export interface ModuleMismatch {
  /** One line: `tool-bash: declared @main, locked @v1.2`. */
  readonly message: string;
  readonly fix: string;
}

export interface LockComparison {
  /** Per module key, how it differs; a module not in this map matches the lock. */
  readonly mismatches: ReadonlyMap<string, ModuleMismatch>;
  /** Lock entries nothing declares any more, and includes the lock does not know (or knows but nothing includes). */
  readonly extra: readonly Diagnostic[];
}

function layerPhrase(layer: LayerName): string {
  return layer === 'profile' ? 'from the declared source' : `by the ${layer} layer`;
}

function gitParts(source: string): { url: string; ref: string; subdirectory: string | null } | null {
  if (!source.startsWith('git+')) return null;
  try {
    const parsed = parseGitUri(source);
    return { url: parsed.url, ref: parsed.ref, subdirectory: parsed.subdirectory };
  } catch {
    return null;
  }
}

/** How the current entry differs from the locked one, in words; null when they are the same. */
export function describeDifference(now: LockedModule, locked: LockedModule): string | null {
  if (now.layer !== locked.layer) return `resolved ${layerPhrase(now.layer)}, locked ${layerPhrase(locked.layer)}`;
  const verb = now.layer === 'profile' ? 'declared' : 'resolved';
  const a = gitParts(now.source);
  const b = gitParts(locked.source);
  if (a && b && a.url === b.url) {
    if (a.ref !== b.ref) return `${verb} @${a.ref}, locked @${b.ref}`;
    if (a.subdirectory !== b.subdirectory)
      return `${verb} #subdirectory=${a.subdirectory ?? '(none)'}, locked #subdirectory=${b.subdirectory ?? '(none)'}`;
  }
  if (now.source !== locked.source) return `${verb} ${now.source}, locked ${locked.source}`;
  return null;
}

function mismatchOf(module: CurrentModule, lock: LockFile): ModuleMismatch | null {
  const locked = lock.modules.get(module.key);
  if (!locked) return { message: `${module.key}: not in the lock`, fix: 'amplifier-modules lock' };
  const update = `amplifier-modules lock --update ${module.id}`;
  const difference = describeDifference(module.entry, locked);
  if (difference) return { message: `${module.key}: ${difference}`, fix: update };
  if (module.repository !== null && !lock.repositories.has(module.repository))
    return { message: `${module.key}: ${module.repository} has no pinned commit in the lock`, fix: update };
  return null;
}

export interface IncludeUse {
  /** Credential-free URIs of the git includes this run loaded; null when the run does not compare includes. */
  readonly uris: ReadonlySet<string> | null;
}

/**
 * `current` holds the modules that resolved; `declaredKeys` every module declared (an unresolved one is reported as
 * unresolved, not as gone from the lock).
 */
export function compareWithLock(
  lockPath: string,
  lock: LockFile,
  current: readonly CurrentModule[],
  declaredKeys: ReadonlySet<string>,
  includes: IncludeUse,
): LockComparison {
  const mismatches = new Map<string, ModuleMismatch>();
  for (const module of current) {
    const mismatch = mismatchOf(module, lock);
    if (mismatch) mismatches.set(module.key, mismatch);
  }
  const extra: Diagnostic[] = [];
  for (const key of lock.modules.keys()) {
    if (declaredKeys.has(key)) continue;
    extra.push({
      code: 'lock-mismatch',
      message: `${key}: in the lock but no longer declared`,
      file: lockPath,
      fix: 'amplifier-modules lock (drops it from the lock)',
    });
  }
  if (includes.uris) {
    for (const uri of includes.uris) {
      if (lock.includes.has(uri)) continue;
      extra.push({
        code: 'lock-mismatch',
        message: `include ${uri}: not in the lock`,
        file: lockPath,
        fix: 'amplifier-modules lock',
      });
    }
    for (const uri of lock.includes.keys()) {
      if (includes.uris.has(uri)) continue;
      extra.push({
        code: 'lock-mismatch',
        message: `include ${uri}: in the lock but no longer included`,
        file: lockPath,
        fix: 'amplifier-modules lock (drops it from the lock)',
      });
    }
  }
  return { mismatches, extra };
}
