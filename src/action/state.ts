/**
 * What main hands to post through the runner's state file: the cache key, the paths, the commit each clone must be
 * at, and the plan's save decision (ci-cache/cache-plan.ts), all computed once in main. Post never recomputes them: it
 * only adds what main cannot know (the event it runs on, whether another job saved first, what later steps changed).
 */
import { describeSkip, type PlannedSave, type SaveSkipReason } from '../ci-cache/cache-plan.js';
import type { CachePlan } from '../pipeline-options.js';
import type { Env } from '../ports.js';

export const STATE_NAMES = {
  key: 'cache-key',
  paths: 'cache-paths',
  commits: 'cache-commits',
  save: 'cache-save',
} as const;

export interface PostState {
  readonly key: string;
  readonly paths: readonly string[];
  readonly commits: Readonly<Record<string, string>>;
  readonly save: PlannedSave;
}

const SKIP_REASONS: readonly SaveSkipReason[] = ['restore-only', 'exact-hit', 'fetch-failed', 'service-unavailable'];

/** `save`, or `skip:<reason>`: the key is already in its own entry. */
function saveText(save: PlannedSave): string {
  return save.kind === 'save' ? 'save' : `skip:${save.reason}`;
}

function parseSave(text: string, key: string): PlannedSave | null {
  if (text === 'save') return { kind: 'save', key };
  const reason = SKIP_REASONS.find((candidate) => text === `skip:${candidate}`);
  return reason ? { kind: 'skip', reason } : null;
}

/** The state entries main saves, as name/value pairs for core.saveState. */
export function postStateEntries(plan: CachePlan): Array<readonly [string, string]> {
  return [
    [STATE_NAMES.key, plan.key],
    [STATE_NAMES.paths, JSON.stringify(plan.paths)],
    [STATE_NAMES.commits, JSON.stringify(plan.commits)],
    [STATE_NAMES.save, saveText(plan.save)],
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
  const save = key ? parseSave(get(STATE_NAMES.save), key) : null;
  if (!key || !paths || !commits || !save) return null;
  return { key, paths, commits, save };
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
 * Post saves what main planned to save (a fetched module set, even when verify failed: the clones are fine and a
 * retry should start warm), never on a privileged event.
 */
export function decideSave(state: PostState | null, env: Env): SaveDecision {
  const skip = (reason: string, notice = false): SaveDecision => ({ save: false, reason, notice });
  if (!state)
    return skip('no cache plan from the main step (cache off or unavailable, or main stopped before it planned)');
  if (state.save.kind === 'skip') return skip(describeSkip(state.save.reason, state.key));
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
