/**
 * What main hands to post through the runner's state file: the cache key, paths and the commit each clone must be
 * at, computed once in main, whether the restore was an exact hit, and the cache mode. Post never recomputes them
 * (DESIGN.md section 4).
 */
import type { CacheMode, CachePlan } from '../pipeline-options.js';
import type { Env } from '../ports.js';

export const STATE_NAMES = {
  key: 'cache-key',
  paths: 'cache-paths',
  exactHit: 'cache-exact-hit',
  commits: 'cache-commits',
  mode: 'cache-mode',
} as const;

export interface PostState {
  readonly key: string;
  readonly paths: readonly string[];
  readonly exactHit: boolean;
  readonly commits: Readonly<Record<string, string>>;
  readonly mode: CacheMode;
}

const MODES: readonly CacheMode[] = ['read-write', 'restore-only', 'save-only', 'lookup-only'];

/** The state entries main saves, as name/value pairs for core.saveState. */
export function postStateEntries(plan: CachePlan): Array<readonly [string, string]> {
  return [
    [STATE_NAMES.key, plan.key],
    [STATE_NAMES.paths, JSON.stringify(plan.paths)],
    [STATE_NAMES.exactHit, String(plan.exactHit)],
    [STATE_NAMES.commits, JSON.stringify(plan.commits)],
    [STATE_NAMES.mode, plan.mode],
  ];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parsePaths(text: string): string[] | null {
  const value = parseJson(text);
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
}

function parseCommits(text: string): Record<string, string> | null {
  const value = parseJson(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  return entries.every(([, commit]) => typeof commit === 'string') ? Object.fromEntries(entries) : null;
}

/** The state main left, or null when it left none (cache off, unavailable, or main stopped before planning). */
export function readPostState(get: (name: string) => string): PostState | null {
  const key = get(STATE_NAMES.key);
  const paths = parsePaths(get(STATE_NAMES.paths));
  const commits = parseCommits(get(STATE_NAMES.commits));
  const mode = MODES.find((candidate) => candidate === get(STATE_NAMES.mode));
  if (!key || !paths || !commits || !mode) return null;
  return { key, paths, exactHit: get(STATE_NAMES.exactHit) === 'true', commits, mode };
}

/**
 * Events on which code from a fork or a release can run with the base branch's cache scope, and those setup-uv
 * also refuses to cache on: an entry saved there would be restored by trusted runs of the default branch.
 */
export function privilegedEvent(env: Env): string | null {
  const event = env.GITHUB_EVENT_NAME ?? '';
  if (['pull_request_target', 'workflow_run', 'release'].includes(event)) return `a ${event} event`;
  if (event === 'push' && (env.GITHUB_REF ?? '').startsWith('refs/tags/')) return 'a tag push';
  return null;
}

export type SaveDecision =
  | { readonly save: true }
  | { readonly save: false; readonly reason: string; readonly notice: boolean };

/**
 * Post saves a fetched module set (even when verify failed: the clones are fine and a retry should start warm)
 * under a key that has no entry yet, never in restore-only mode and never on a privileged event.
 */
export function decideSave(state: PostState | null, env: Env): SaveDecision {
  const skip = (reason: string, notice = false): SaveDecision => ({ save: false, reason, notice });
  if (!state) return skip('no cache plan from the main step (cache off or unavailable, or the fetch failed)');
  if (state.mode === 'restore-only') return skip('restore-only: true');
  if (state.exactHit) return skip(`exact hit on ${state.key}; nothing new to save`);
  if (state.paths.length === 0) return skip('no module-cache directories to save');
  const privileged = privilegedEvent(env);
  if (privileged) {
    return skip(
      `this job runs on ${privileged}, whose cache entries trusted runs would restore; restoring is still allowed`,
      true,
    );
  }
  return { save: true };
}
