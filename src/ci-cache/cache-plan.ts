/** The CI cache plan the warm stage makes and the action's post step carries out. */

/**
 * read-write: restore, then save what is new; restore-only: never save (pull-request jobs); save-only: never
 * restore; lookup-only: ask whether the entry exists without downloading it (a warm job then has nothing to do).
 */
export type CacheMode = 'read-write' | 'restore-only' | 'save-only' | 'lookup-only';

/**
 * Why the post step will not save: the mode forbids it, the entry is already there, or the module set is incomplete.
 */
export type SaveSkipReason = 'restore-only' | 'exact-hit' | 'fetch-failed' | 'service-unavailable';

/** Whether the post step saves, decided once with the warm that knows why; post only adds what main cannot know. */
export type PlannedSave =
  | { readonly kind: 'save'; readonly key: string }
  | { readonly kind: 'skip'; readonly reason: SaveSkipReason };

/** What the action's post step needs to save the CI cache: computed once in main, handed over through state. */
export interface CachePlan {
  readonly key: string;
  readonly restoreKeys: readonly string[];
  readonly paths: readonly string[];
  /** Each cached clone directory and the commit it must still be at when the post step saves. */
  readonly commits: Readonly<Record<string, string>>;
  readonly mode: CacheMode;
  readonly save: PlannedSave;
}

export interface SaveFacts {
  readonly key: string;
  readonly mode: CacheMode;
  /** The restore matched the key exactly and every restored clone passed the screen. */
  readonly exactHit: boolean;
  /** Every repository was pinned and checked out: a set with a hole must not become the entry for its key. */
  readonly allFetched: boolean;
  /** The cache service failed in main (already warned about once): post does not try again. */
  readonly serviceFailed?: boolean;
}

export function planSave(facts: SaveFacts): PlannedSave {
  if (facts.mode === 'restore-only') return { kind: 'skip', reason: 'restore-only' };
  if (facts.serviceFailed) return { kind: 'skip', reason: 'service-unavailable' };
  if (facts.exactHit) return { kind: 'skip', reason: 'exact-hit' };
  if (!facts.allFetched) return { kind: 'skip', reason: 'fetch-failed' };
  return { kind: 'save', key: facts.key };
}

/** The reason as the post step's log says it. */
export function describeSkip(reason: SaveSkipReason, key: string): string {
  switch (reason) {
    case 'restore-only':
      return 'restore-only: true';
    case 'exact-hit':
      return `exact hit on ${key}; nothing new to save`;
    case 'fetch-failed':
      return 'a repository could not be fetched, so the module set under this key is incomplete';
    case 'service-unavailable':
      return 'the cache service failed in the main step (see its warning)';
  }
}
