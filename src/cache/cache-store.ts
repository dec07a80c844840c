/**
 * The CI cache as a port. The Actions implementation lives in `src/action/cache-store.ts` (the only place that
 * imports `@actions/cache`); everywhere else, `noCacheStore`. Implementations never throw: cache trouble is a
 * warning and a fetch, never a failed run.
 */

export interface CacheStore {
  /** False when there is no cache service (outside Actions, or the service is not configured). */
  readonly available: boolean;
  /** Restores `paths`; the key that matched, or null on a miss or any failure. */
  restore(
    paths: readonly string[],
    key: string,
    restoreKeys: readonly string[],
  ): Promise<{ matchedKey: string } | null>;
  /** Whether an entry exists under exactly `key` for these paths, without downloading it; false on any failure. */
  lookup(paths: readonly string[], key: string): Promise<boolean>;
  /** Saves `paths` under `key`; false when nothing was saved (already there, refused, failed). */
  save(paths: readonly string[], key: string): Promise<boolean>;
}

export const noCacheStore: CacheStore = {
  available: false,
  restore: async () => null,
  lookup: async () => false,
  save: async () => false,
};
