/** The CI cache plan the warm stage makes and the action's post step carries out. */

/** What the action's post step needs to save the CI cache: computed once in main, handed over through state. */
export interface CachePlan {
  readonly key: string;
  readonly restoreKeys: readonly string[];
  readonly paths: readonly string[];
  readonly exactHit: boolean;
}
