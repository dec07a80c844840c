/**
 * The action's post step: save the module cache under the key main computed, when main planned a save, the mode
 * and the event allow it, no other job has saved that key, and every clone still holds exactly its pinned commit's
 * files. Files a step added to a clone (an install's egg-info, build/, a .pyc) are left out of the archive, not a
 * reason to refuse; a changed tracked file or git directory is. Each outcome is one line: info when all is well, one
 * notice for a lost save race, one warning for a problem. Never fails the job, and always ends the process, because
 * the cache client's open HTTP connections would otherwise keep Node alive.
 */
import { basename } from 'node:path';
import * as core from '@actions/core';
import { checkCloneIntegrity } from '../ci-cache/clone-integrity.js';
import { nodeWorkingTree } from '../ci-cache/working-tree.js';
import { nodeExec } from '../ports/node-exec.js';
import { nodeFileSystem } from '../ports/node-fs.js';
import type { Env } from '../ports.js';
import { Redactor } from '../secrets.js';
import { createActionLogger } from './action-logger.js';
import { type ActionsCacheStore, createActionsCacheStore } from './actions-cache-store.js';
import { setAsideUntracked } from './set-aside.js';
import { decideSave, type PostState, readPostState } from './state.js';
import { commandText, logInfo } from './workflow-log.js';

interface CloneCheck {
  /** Clones whose tracked files or git directory changed, with what changed. */
  readonly changed: string[];
  /** Per clone, the entries a step added: left out of the archive. */
  readonly untracked: Map<string, readonly string[]>;
}

async function checkClones(state: PostState, env: Env): Promise<CloneCheck> {
  const ports = { fs: nodeFileSystem, exec: nodeExec, env, tree: nodeWorkingTree, platform: process.platform };
  const check: CloneCheck = { changed: [], untracked: new Map() };
  for (const path of state.paths) {
    const commit = state.commits[path];
    const verdict = commit
      ? await checkCloneIntegrity(ports, path, commit, { untracked: 'collect' })
      : { pristine: false as const, reason: 'no pinned commit recorded' };
    if (!verdict.pristine) check.changed.push(`${basename(path)} (${verdict.reason})`);
    else if (verdict.untracked && verdict.untracked.length > 0) check.untracked.set(path, verdict.untracked);
  }
  return check;
}

function listed(untracked: ReadonlyMap<string, readonly string[]>): string {
  const names = [...new Set([...untracked.values()].flat().map((entry) => entry.split('/').pop() ?? entry))];
  const shown = names.slice(0, 4).join(', ');
  return names.length > 4 ? `${shown}, …` : shown;
}

/** Saves with the added files set aside, and puts them back whatever happens. */
async function saveClones(store: ActionsCacheStore, state: PostState, check: CloneCheck, say: Say): Promise<void> {
  const aside = await setAsideUntracked(check.untracked);
  try {
    const outcome = await store.saveWithOutcome([...state.paths], state.key);
    const left = aside.count > 0 ? ` (left out what steps wrote into the clones: ${listed(check.untracked)})` : '';
    if (outcome.kind === 'saved') say.info(`Saved the module cache as ${state.key}${left}.`);
    else if (outcome.kind === 'taken') {
      say.notice(`Not saving the module cache: another job saved ${state.key} first (${outcome.reason}).`);
    } else say.warning(`The module cache was not saved as ${state.key}: ${outcome.reason}.`);
  } finally {
    const stuck = await aside.restore();
    if (stuck.length > 0) say.warning(`Could not move back into the clones: ${stuck.join(', ')}.`);
  }
}

interface Say {
  info(text: string): void;
  notice(text: string): void;
  warning(text: string): void;
}

async function savePlannedCache(say: Say, redactor: Redactor, env: Env): Promise<void> {
  const state = readPostState((name) => core.getState(name));
  const decision = decideSave(state, env);
  if (!decision.save || !state) {
    const text = `Not saving the module cache: ${decision.save ? 'no state' : decision.reason}.`;
    if (!decision.save && decision.notice) say.notice(text);
    else say.info(text);
    return;
  }
  const store = createActionsCacheStore(createActionLogger(redactor));
  if (!store.available) {
    say.info('The GitHub Actions cache service is not available on this runner; the module cache is not saved.');
    return;
  }
  // Matrix jobs with one pinned set all get here; the first to save wins and the others stop quietly.
  const existing = await store.probe(state.paths, state.key);
  if (existing.kind === 'unavailable') {
    say.warning(`The module cache was not saved: the cache service could not be asked (${existing.reason}).`);
    return;
  }
  if (existing.kind === 'hit' && existing.matchedKey === state.key) {
    say.info(`The module cache ${state.key} already exists (another job saved it); not saving.`);
    return;
  }
  const check = await checkClones(state, env);
  if (check.changed.length > 0) {
    say.warning(
      `Not saving the module cache: ${check.changed.length} clone(s) no longer hold their pinned commit, so a later job could install what changed: ${check.changed.join('; ')}. Fix: leave the module cache's clones unchanged after this step (edit copies, not the clones).`,
    );
    return;
  }
  await saveClones(store, state, check, say);
}

export async function runPost(env: Env): Promise<void> {
  const redactor = new Redactor();
  // Every line is escaped for workflow commands: paths and reasons come from the file system, git and the service.
  const say: Say = {
    info: (text) => logInfo(redactor.redact(text)),
    notice: (text) => core.notice(commandText(redactor.redact(text)), { title: 'amplifier-modules: cache' }),
    warning: (text) => core.warning(commandText(redactor.redact(text)), { title: 'amplifier-modules: cache' }),
  };
  try {
    await savePlannedCache(say, redactor, env);
  } catch (error) {
    say.warning(`Saving the module cache failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(0);
}
