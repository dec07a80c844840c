/**
 * The CacheStore port over `@actions/cache` (the only file that imports it). The toolkit already turns most service
 * trouble into a warning and a miss; what it still throws (validation, missing paths, a missing token) becomes a
 * warning here, so the cache can never fail a job.
 */
import * as cache from '@actions/cache';
import type { CacheStore } from '../cache/cache-store.js';
import type { Logger } from '../ports.js';
import { Redactor } from '../secrets.js';
import { createActionLogger } from './action-logger.js';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `logger` defaults to the step's own log (warnings become workflow warnings). */
export function createActionsCacheStore(logger: Logger = createActionLogger(new Redactor())): CacheStore {
  let available = false;
  try {
    available = cache.isFeatureAvailable();
  } catch (error) {
    logger.warn(`the Actions cache is not usable: ${message(error)}`);
  }
  async function lookup(paths: readonly string[], key: string): Promise<boolean> {
    try {
      return (await cache.restoreCache([...paths], key, [], { lookupOnly: true })) === key;
    } catch (error) {
      logger.warn(`module cache lookup failed: ${message(error)}`);
      return false;
    }
  }
  return {
    available,
    async restore(paths, key, restoreKeys) {
      try {
        const matchedKey = await cache.restoreCache([...paths], key, [...restoreKeys]);
        return matchedKey ? { matchedKey } : null;
      } catch (error) {
        logger.warn(`module cache restore failed, fetching instead: ${message(error)}`);
        return null;
      }
    },
    lookup,
    async save(paths, key) {
      try {
        if ((await cache.saveCache([...paths], key)) !== -1) return true;
      } catch (error) {
        logger.warn(`module cache save failed: ${message(error)}`);
        return false;
      }
      // Not saved: quietly so when another job saved the same key meanwhile, out loud otherwise.
      if (await lookup(paths, key)) logger.info(`module cache ${key} was saved by another job meanwhile`);
      else logger.warn(`module cache was not saved under ${key} (see the cache messages above)`);
      return false;
    },
  };
}
