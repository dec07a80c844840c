/**
 * The action's post step: save the module cache under the key main computed, when main planned a save, the mode
 * and the event allow it, no other job has saved that key, and every clone is still exactly its pinned commit.
 * Never fails the job: cache trouble is a warning. Always ends the process, because the cache client's open HTTP
 * connections would otherwise keep Node alive.
 */
import * as core from '@actions/core';
import { checkCloneIntegrity } from '../cache/clone-integrity.js';
import { nodeWorkingTree } from '../cache/working-tree.js';
import { nodeExec } from '../ports/node-exec.js';
import { nodeFileSystem } from '../ports/node-fs.js';
import type { Env } from '../ports.js';
import { Redactor } from '../secrets.js';
import { createActionLogger } from './action-logger.js';
import { createActionsCacheStore } from './actions-cache-store.js';
import { decideSave, type PostState, readPostState } from './state.js';
import { commandText, logInfo } from './workflow-log.js';

/** Each clone that a later step changed, with what changed. */
async function changedClones(state: PostState, env: Env): Promise<string[]> {
  const ports = {
    fs: nodeFileSystem,
    exec: nodeExec,
    env,
    tree: nodeWorkingTree,
    platform: process.platform,
  };
  const changed: string[] = [];
  for (const path of state.paths) {
    const commit = state.commits[path];
    const verdict = commit
      ? await checkCloneIntegrity(ports, path, commit)
      : { pristine: false as const, reason: 'no pinned commit recorded' };
    if (!verdict.pristine) changed.push(`${path} (${verdict.reason})`);
  }
  return changed;
}

async function savePlannedCache(redactor: Redactor, env: Env): Promise<void> {
  const state = readPostState((name) => core.getState(name));
  const decision = decideSave(state, env);
  if (!decision.save || !state) {
    const text = `Not saving the module cache: ${decision.save ? 'no state' : decision.reason}.`;
    if (!decision.save && decision.notice) core.notice(commandText(redactor.redact(text)));
    else logInfo(redactor.redact(text));
    return;
  }
  const store = createActionsCacheStore(createActionLogger(redactor));
  if (!store.available) {
    core.notice('The GitHub Actions cache service is not available on this runner; the module cache is not saved.');
    return;
  }
  // Matrix jobs with one pinned set all get here; the first to save wins and the others stop quietly.
  if (await store.lookup(state.paths, state.key)) {
    logInfo(redactor.redact(`The module cache ${state.key} already exists (another job saved it); not saving.`));
    return;
  }
  const changed = await changedClones(state, env);
  if (changed.length > 0) {
    core.notice(
      redactor.redact(
        `Not saving the module cache: ${changed.length} clone(s) are no longer exactly their pinned commit, so a later job could install what a step of this job changed: ${changed.join('; ')}.`,
      ),
    );
    return;
  }
  const saved = await store.save([...state.paths], state.key);
  if (saved) logInfo(redactor.redact(`Saved the module cache as ${state.key}.`));
  else logInfo(redactor.redact(`The module cache was not saved as ${state.key}.`));
}

export async function runPost(env: Env): Promise<void> {
  const redactor = new Redactor();
  try {
    await savePlannedCache(redactor, env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    core.warning(commandText(redactor.redact(`Saving the module cache failed: ${message}`)));
  }
  process.exit(0);
}
