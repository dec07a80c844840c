/**
 * The CacheStore port over `@actions/cache` (the only file that imports it). The toolkit swallows service trouble and
 * prints its own warnings (often two or three for one outage, one of them "another job may be creating this cache"
 * when the service is simply down); here each call's toolkit warnings are caught (kept in the debug log) and turned
 * into one typed outcome, so the caller prints exactly one signal per problem. Nothing here throws: the cache can
 * never fail a job.
 */
import * as cache from '@actions/cache';
import type { CacheRestore, CacheStore } from '../ci-cache/cache-store.js';
import type { Logger } from '../ports.js';
import { Redactor } from '../secrets.js';
import { createActionLogger } from './action-logger.js';
import { catchToolkitTrouble } from './toolkit-trouble.js';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A lookup: the key that matched, nothing, or the service could not answer. */
export type CacheProbe =
  | { readonly kind: 'hit'; readonly matchedKey: string }
  | { readonly kind: 'miss' }
  | { readonly kind: 'unavailable' | 'damaged'; readonly reason: string };

/** A save: done, the service reserved the key for another job first, or it failed. */
export type CacheSaveOutcome =
  | { readonly kind: 'saved' }
  | { readonly kind: 'taken'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

export interface ActionsCacheStore extends CacheStore {
  probe(paths: readonly string[], key: string, restoreKeys?: readonly string[]): Promise<CacheProbe>;
  saveWithOutcome(paths: readonly string[], key: string): Promise<CacheSaveOutcome>;
}

/** `logger` gets only the problem of a store that cannot be used at all. */
export function createActionsCacheStore(logger: Logger = createActionLogger(new Redactor())): ActionsCacheStore {
  let available = false;
  try {
    available = cache.isFeatureAvailable();
  } catch (error) {
    logger.warn(`the Actions cache is not usable: ${message(error)}`);
  }

  async function find(paths: readonly string[], key: string, restoreKeys: readonly string[], lookupOnly: boolean) {
    try {
      const { result, trouble } = await catchToolkitTrouble(() =>
        cache.restoreCache([...paths], key, [...restoreKeys], { lookupOnly }),
      );
      if (result) return { kind: 'hit', matchedKey: result } as const;
      const failure = trouble.find((item) => item.kind !== 'entry-found');
      if (!failure) return { kind: 'miss' } as const;
      // The service answered with an entry, then the download or extraction failed: the entry is damaged.
      const damaged = trouble.some((item) => item.kind === 'entry-found');
      return { kind: damaged ? 'damaged' : 'unavailable', reason: failure.message } as const;
    } catch (error) {
      return { kind: 'unavailable', reason: message(error) } as const;
    }
  }

  async function probe(paths: readonly string[], key: string, restoreKeys: readonly string[] = []) {
    return find(paths, key, restoreKeys, true);
  }

  async function saveWithOutcome(paths: readonly string[], key: string): Promise<CacheSaveOutcome> {
    try {
      const { result, trouble } = await catchToolkitTrouble(() => cache.saveCache([...paths], key));
      if (result !== -1) return { kind: 'saved' };
      // The service answered the reservation with a refusal (the key is there or being written): another job won.
      const refused = trouble.find((item) => item.kind === 'reservation-refused');
      if (refused) return { kind: 'taken', reason: refused.message };
      const failure = trouble.find((item) => item.kind !== 'entry-found');
      return { kind: 'failed', reason: failure?.message ?? 'the cache service did not take the entry' };
    } catch (error) {
      return { kind: 'failed', reason: message(error) };
    }
  }

  return {
    available,
    async restore(paths, key, restoreKeys): Promise<CacheRestore> {
      const found = await find(paths, key, restoreKeys, false);
      if (found.kind === 'hit') return { matchedKey: found.matchedKey };
      if (found.kind === 'damaged') return { damaged: found.reason };
      return found.kind === 'unavailable' ? { unavailable: found.reason } : null;
    },
    async lookup(paths, key) {
      const found = await probe(paths, key);
      return found.kind === 'hit' && found.matchedKey === key;
    },
    async find(paths, prefix) {
      const found = await probe(paths, prefix);
      if (found.kind === 'unavailable' || found.kind === 'damaged') return { unavailable: found.reason };
      return found.kind === 'hit' ? { matchedKey: found.matchedKey } : null;
    },
    probe,
    saveWithOutcome,
    async save(paths, key) {
      return (await saveWithOutcome(paths, key)).kind === 'saved';
    },
  };
}
