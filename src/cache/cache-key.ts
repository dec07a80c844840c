/**
 * The CI cache key (DESIGN.md section 4): `<prefix>-<os>-<arch>-<hash of the sorted pinned set>`, restore key
 * `<prefix>-<os>-<arch>-`. Pure: the same set of modules at the same commits always gives the same key, in any
 * order; any commit change gives a new one.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';

export interface PinnedModule {
  readonly id: string;
  readonly type: 'git' | 'file' | 'package';
  readonly url: string | null;
  readonly commit: string | null;
  readonly subdirectory: string | null;
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

export function cacheRestoreKey(prefix: string, os: string, arch: string): string {
  checkPart('prefix', prefix);
  checkPart('os', os);
  checkPart('arch', arch);
  const restoreKey = `${prefix}-${os}-${arch}-`;
  if (restoreKey.length + HASH_LENGTH > MAX_KEY_LENGTH) {
    throw new InputError('invalid-value', `cache-key-prefix is too long (${prefix.length} characters)`, {
      fix: `use a prefix of at most ${MAX_KEY_LENGTH - HASH_LENGTH - os.length - arch.length - 3} characters`,
    });
  }
  return restoreKey;
}

/** Sorted, de-duplicated canonical lines, hashed. */
export function pinnedSetHash(pinned: readonly PinnedModule[]): string {
  const lines = [
    ...new Set(
      pinned.map((module) =>
        JSON.stringify([module.id, module.type, module.url, module.commit?.toLowerCase() ?? null, module.subdirectory]),
      ),
    ),
  ].sort();
  return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');
}

export function cacheKey(prefix: string, os: string, arch: string, pinned: readonly PinnedModule[]): string {
  return `${cacheRestoreKey(prefix, os, arch)}${pinnedSetHash(pinned)}`;
}
