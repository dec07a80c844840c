/**
 * A lock pins each repository at a ref to one commit: the `repositories` entry is the pin the fetch uses, and every
 * module entry on that repository and ref records the same commit. A lock where they disagree was edited by hand (or
 * merged badly): which pin is meant cannot be guessed, so it is bad input naming both lines.
 */
import { parseGitUri } from '../source/git-uri.js';
import { type LockedModule, repositoryKey } from './lock-entries.js';
import type { KeyLines } from './lock-key-lines.js';

interface Pin {
  readonly commit: string;
  readonly what: string;
  readonly line: number;
}

/** `url@ref` of a module's git source as the lock writes it; null when the source is not a git URI. */
function repositoryOf(source: string): string | null {
  try {
    return repositoryKey(parseGitUri(source));
  } catch {
    return null;
  }
}

/** The first disagreement (its line and message), or null. */
export function lockDisagreement(
  lock: {
    readonly repositories: ReadonlyMap<string, string>;
    readonly modules: ReadonlyMap<string, LockedModule>;
  },
  lines: KeyLines,
): { line: number; message: string } | null {
  const pins = new Map<string, Pin>();
  for (const [key, commit] of lock.repositories)
    pins.set(key, { commit, what: `repositories entry '${key}'`, line: lines.lineOf('repositories', key) });
  for (const [id, entry] of lock.modules) {
    if (!entry.commit || !entry.source.startsWith('git+')) continue;
    const repository = repositoryOf(entry.source);
    if (repository === null) continue;
    const line = lines.lineOf('modules', id, 'commit');
    const earlier = pins.get(repository);
    if (!earlier) {
      pins.set(repository, { commit: entry.commit, what: `module '${id}'`, line });
      continue;
    }
    if (earlier.commit === entry.commit) continue;
    return {
      line,
      message: `module '${id}' (line ${line}) pins ${repository} to ${entry.commit}, but ${earlier.what} (line ${earlier.line}) pins ${earlier.commit}`,
    };
  }
  return null;
}
