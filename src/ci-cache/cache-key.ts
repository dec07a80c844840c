/**
 * The CI cache key: `<prefix>-<os>-<hash of the pinned clones>`, restore key `<prefix>-<os>-`. It holds what
 * changes the cached content and nothing else: which layout-A clone directories there are and the commit each is
 * at. Module ids, subdirectories and the CPU architecture do not change a byte of a clone, so they are not in it
 * (an ARM and an x64 runner share one entry); the OS is, because the cache service keeps entries made on Windows
 * apart and the clones' absolute paths differ per OS anyway. Pure: the same clones in any order give the same key.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';

export interface PinnedClone {
  /** The layout-A directory name (`<repo>-<16 hex of url@ref>`). */
  readonly dir: string;
  /** The commit the clone is at; null when it could not be pinned (the key then says so). */
  readonly commit: string | null;
}

/** The cache service's own limit. */
export const MAX_KEY_LENGTH = 512;
const HASH_LENGTH = 64;

function checkPart(name: string, value: string): void {
  if (value === '' || /[,\s]/.test(value)) {
    throw new InputError('invalid-value', `cache key ${name} '${value}' is empty or contains a comma or whitespace`, {
      fix: `set a ${name} of letters, digits, '-', '_' or '.'`,
    });
  }
}

export function cacheRestoreKey(prefix: string, os: string): string {
  checkPart('prefix', prefix);
  checkPart('os', os);
  const restoreKey = `${prefix}-${os}-`;
  if (restoreKey.length + HASH_LENGTH > MAX_KEY_LENGTH) {
    throw new InputError('invalid-value', `cache-key-prefix is too long (${prefix.length} characters)`, {
      fix: `use a prefix of at most ${MAX_KEY_LENGTH - HASH_LENGTH - os.length - 2} characters`,
    });
  }
  return restoreKey;
}

/** Sorted, de-duplicated `dir commit` lines, hashed. */
export function pinnedSetHash(clones: readonly PinnedClone[]): string {
  const lines = [...new Set(clones.map((clone) => `${clone.dir} ${clone.commit?.toLowerCase() ?? '-'}`))].sort();
  return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');
}

export function cacheKey(prefix: string, os: string, clones: readonly PinnedClone[]): string {
  return `${cacheRestoreKey(prefix, os)}${pinnedSetHash(clones)}`;
}
