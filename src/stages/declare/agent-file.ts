import { basename, extname } from 'node:path';
import { InputError } from '../../errors.js';
import { readDeclarationFile } from './declaration-file.js';
import type { DeclareContext } from './declare-context.js';
import { mergeModuleSets } from './merge-module-sets.js';
import { EMPTY_MODULE_SET, isMapping, type ModuleSet, readModuleSet } from './module-entry.js';

/** An agent and the modules it declares for the sessions it spawns. */
export interface LoadedAgent {
  /** `namespace:name` (or the bare name for workspace/home and inline agents). */
  readonly name: string;
  readonly modules: ModuleSet;
}

/** Reads an agent definition file (front matter with `meta:`; modules at the top level like a bundle). */
export async function readAgentFile(ctx: DeclareContext, file: string): Promise<ModuleSet> {
  const src = await readDeclarationFile(ctx.fs, file);
  const value = src.value ?? {};
  if (!isMapping(value)) {
    throw new InputError('invalid-type', 'agent front matter must be a mapping', {
      file,
      line: src.lineOf([]),
      fix: 'write the agent definition as `meta: {name, description}` plus optional tools/providers/hooks',
    });
  }
  // A module listed twice in one agent file is one module (merged like bundle entries).
  return mergeModuleSets('bundle', EMPTY_MODULE_SET, readModuleSet(src, [], value), []);
}

/** Agent name from a file name: `agents/bug-hunter.md` -> `bug-hunter`. */
export function agentNameOf(file: string): string {
  return basename(file, extname(file));
}
