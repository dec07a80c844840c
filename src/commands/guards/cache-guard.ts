/**
 * The cache lock, taken lazily: at the first step that writes to or deletes from the module cache, never before
 * the declarations have been read. Bad input is refused with nothing written, not even a lock file.
 */

import type { CacheLock, LockKind } from '../../ports/cache-lock.js';
import { type HeldLock, lockEnvironment } from '../../ports/environment-lock.js';
import type { Logger } from '../../ports.js';

export interface CacheGuard {
  /** Takes the lock if this run does not hold it yet. */
  hold(): Promise<void>;
  /**
   * Takes the lock of the environment this run changes (install, verify, doctor --fix), after the cache's; true when
   * another run held it first, so what was read about the environment before may be out of date.
   */
  holdEnvironment(prefix: string): Promise<boolean>;
  release(): Promise<void>;
}

export const unguarded: CacheGuard = {
  hold: async () => undefined,
  holdEnvironment: async () => false,
  release: async () => undefined,
};

export function cacheGuard(lock: CacheLock, home: string, kind: LockKind, logger: Logger): CacheGuard {
  let held: Promise<() => Promise<void>> | null = null;
  let environment: Promise<HeldLock> | null = null;
  return {
    hold: async () => {
      held ??= lock.acquire(home, kind, logger);
      await held;
    },
    holdEnvironment: async (prefix) => {
      environment ??= lockEnvironment(prefix, home, logger);
      return (await environment).waited;
    },
    release: async () => {
      const mine = environment;
      environment = null;
      await (await mine?.catch(() => null))?.release();
      if (!held) return;
      const release = await held.catch(() => null);
      held = null;
      await release?.();
    },
  };
}
