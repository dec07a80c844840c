/**
 * What main hands to post through the runner's state file: the cache key and paths computed once in main, whether
 * the restore was an exact hit, and whether main succeeded. Post never recomputes them (DESIGN.md section 4).
 */
import type { CachePlan } from '../pipeline-options.js';

export const STATE_NAMES = {
  key: 'cache-key',
  paths: 'cache-paths',
  exactHit: 'cache-exact-hit',
  mainOk: 'main-ok',
} as const;

export interface PostState {
  readonly key: string;
  readonly paths: readonly string[];
  readonly exactHit: boolean;
  readonly mainOk: boolean;
}

/** The state entries main saves, as name/value pairs for core.saveState. */
export function postStateEntries(plan: CachePlan, mainOk: boolean): Array<readonly [string, string]> {
  return [
    [STATE_NAMES.key, plan.key],
    [STATE_NAMES.paths, JSON.stringify(plan.paths)],
    [STATE_NAMES.exactHit, String(plan.exactHit)],
    [STATE_NAMES.mainOk, String(mainOk)],
  ];
}

function parsePaths(text: string): string[] | null {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
  } catch {
    return null;
  }
}

/** The state main left, or null when it left none (cache off, unavailable, or main stopped before planning). */
export function readPostState(get: (name: string) => string): PostState | null {
  const key = get(STATE_NAMES.key);
  const paths = parsePaths(get(STATE_NAMES.paths));
  if (!key || !paths) return null;
  return {
    key,
    paths,
    exactHit: get(STATE_NAMES.exactHit) === 'true',
    mainOk: get(STATE_NAMES.mainOk) === 'true',
  };
}

export type SaveDecision = { readonly save: true } | { readonly save: false; readonly reason: string };

/** Post saves only a complete, verified module set under a key that has no entry yet. */
export function decideSave(state: PostState | null): SaveDecision {
  if (!state) return { save: false, reason: 'no cache plan from the main step (cache off or unavailable)' };
  if (!state.mainOk) return { save: false, reason: 'the main step did not succeed; not saving an incomplete set' };
  if (state.exactHit) return { save: false, reason: `exact hit on ${state.key}; nothing new to save` };
  if (state.paths.length === 0) return { save: false, reason: 'no module-cache directories to save' };
  return { save: true };
}
