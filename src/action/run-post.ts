/**
 * The action's post step: save the module cache under the key main computed, unless main did not succeed or the
 * restore was an exact hit. Never fails the job: cache trouble is a warning. Always ends the process, because the
 * cache client's open HTTP connections would otherwise keep Node alive.
 */
import * as core from '@actions/core';
import { Redactor } from '../secrets.js';
import { createActionLogger } from './action-logger.js';
import { createActionsCacheStore } from './cache-store.js';
import { decideSave, readPostState } from './state.js';

async function savePlannedCache(redactor: Redactor): Promise<void> {
  const state = readPostState((name) => core.getState(name));
  const decision = decideSave(state);
  if (!decision.save || !state) {
    core.info(`Not saving the module cache: ${decision.save ? 'no state' : decision.reason}.`);
    return;
  }
  const store = createActionsCacheStore(createActionLogger(redactor));
  if (!store.available) {
    core.notice('The GitHub Actions cache service is not available on this runner; the module cache is not saved.');
    return;
  }
  const saved = await store.save([...state.paths], state.key);
  if (saved) core.info(redactor.redact(`Saved the module cache as ${state.key}.`));
  else core.info(redactor.redact(`The module cache was not saved as ${state.key}.`));
}

export async function runPost(): Promise<void> {
  const redactor = new Redactor();
  try {
    await savePlannedCache(redactor);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    core.warning(redactor.redact(`Saving the module cache failed: ${message}`));
  }
  process.exit(0);
}
