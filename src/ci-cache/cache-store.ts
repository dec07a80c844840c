/**
 * The CI cache as a port. The Actions implementation lives in `src/action/cache-store.ts` (the only place that
 * imports `@actions/cache`); everywhere else, `noCacheStore`. Implementations never throw: cache trouble is a
 * warning and a fetch, never a failed run.
 */

/**
 * What a restore brought: the key that matched, null on a miss, or why the service could not be used (the run then
 * fetches from git, says so once, and does not save).
 */
export type CacheRestore =
  | { readonly matchedKey: string }
  | { readonly unavailable: string }
  /** An entry matched but could not be downloaded or unpacked: a miss, said once; a fresh entry is saved. */
  | { readonly damaged: string }
  | null;

export interface CacheStore {
  /** False when there is no cache service (outside Actions, or the service is not configured). */
  readonly available: boolean;
  /** Restores `paths`; the key that matched, null on a miss, or the trouble (the store itself prints nothing). */
  restore(paths: readonly string[], key: string, restoreKeys: readonly string[]): Promise<CacheRestore>;
  /**
   * The newest entry whose key starts with `prefix`, without downloading it (`fail-on-cache-miss` asks before any
   * git call). Optional: a store without it is asked at restore time.
   */
  find?(paths: readonly string[], prefix: string): Promise<CacheRestore>;
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
