/** The CI cache plan the warm stage makes and the action's post step carries out. */

/**
 * read-write: restore, then save what is new; restore-only: never save (pull-request jobs); save-only: never
 * restore; lookup-only: ask whether the entry exists without downloading it (a warm job then has nothing to do).
 */
export type CacheMode = 'read-write' | 'restore-only' | 'save-only' | 'lookup-only';

/** What the action's post step needs to save the CI cache: computed once in main, handed over through state. */
export interface CachePlan {
  readonly key: string;
  readonly restoreKeys: readonly string[];
  readonly paths: readonly string[];
  readonly exactHit: boolean;
  /** Each cached clone directory and the commit it must still be at when the post step saves. */
  readonly commits: Readonly<Record<string, string>>;
  readonly mode: CacheMode;
}
