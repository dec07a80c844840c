/**
 * The cache lock, taken lazily: at the first step that writes to or deletes from the module cache, never before
 * the declarations have been read. Bad input is refused with nothing written, not even a lock file.
 */

import type { CacheLock, LockKind } from '../ports/cache-lock.js';
import type { Logger } from '../ports.js';

export interface CacheGuard {
  /** Takes the lock if this run does not hold it yet. */
  hold(): Promise<void>;
  release(): Promise<void>;
}

export const unguarded: CacheGuard = { hold: async () => undefined, release: async () => undefined };

export function cacheGuard(lock: CacheLock, home: string, kind: LockKind, logger: Logger): CacheGuard {
  let held: Promise<() => Promise<void>> | null = null;
  return {
    hold: async () => {
      held ??= lock.acquire(home, kind, logger);
      await held;
    },
    release: async () => {
      if (!held) return;
      const release = await held.catch(() => null);
      held = null;
      await release?.();
    },
  };
}
