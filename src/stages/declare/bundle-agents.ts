import { join } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import { InputError } from '../../errors.js';
import type { YamlSource } from '../../yaml/yaml-document.js';
import { type LoadedAgent, readAgentFile } from './agent-file.js';
import type { BundleNamespaces } from './bundle-namespaces.js';
import { firstExistingFile } from './collections.js';
import type { DeclareContext } from './declare-context.js';
import { mergeModuleSets } from './merge-module-sets.js';
import { EMPTY_MODULE_SET, isMapping, type ModuleSet, readModuleSet } from './module-entry.js';

/** Merges agent lists by name: first-seen order, a repeated agent's modules merged with the bundle policy. */
export function mergeAgentLists(
  base: readonly LoadedAgent[],
  overlay: readonly LoadedAgent[],
  warnings: Diagnostic[],
): LoadedAgent[] {
  const merged = [...base];
  for (const agent of overlay) {
    const index = merged.findIndex((existing) => existing.name === agent.name);
    if (index < 0) merged.push(agent);
    else {
      const existing = merged[index] as LoadedAgent;
      merged[index] = {
        name: agent.name,
        modules: mergeModuleSets('bundle', existing.modules, agent.modules, warnings),
      };
    }
  }
  return merged;
}

async function locateAgentFile(
  ref: string,
  ownDir: string,
  namespaces: BundleNamespaces,
  ctx: DeclareContext,
): Promise<{ file: string } | { missing: string }> {
  const colon = ref.indexOf(':');
  let dir = ownDir;
  let name = ref;
  if (colon > 0) {
    const location = await namespaces.lookup(ref.slice(0, colon));
    if (location === null) return { missing: `namespace '${ref.slice(0, colon)}' is not registered` };
    if (location.kind === 'unavailable') return { missing: location.reason };
    dir = location.dir;
    name = ref.slice(colon + 1);
  }
  const candidates = [join(dir, 'agents', `${name}.md`), join(dir, 'agents', `${name}.yaml`)];
  const file = await firstExistingFile(ctx, candidates);
  return file ? { file } : { missing: `no agent file; tried ${candidates.join(', ')}` };
}

/**
 * A bundle's `agents:` mapping: `include: [ns:name, ...]` (agent files `<ns>/agents/<name>.md`, front matter under
 * `meta:` plus module keys) and inline definitions `<name>: {tools: [...], ...}`. Includes come first, then inline.
 */
export async function readBundleAgents(
  src: YamlSource,
  root: Record<string, unknown>,
  ownDir: string,
  namespaces: BundleNamespaces,
  ctx: DeclareContext,
  warnings: Diagnostic[],
): Promise<LoadedAgent[]> {
  const agents = root.agents;
  if (agents === undefined || agents === null) return [];
  if (!isMapping(agents)) {
    throw new InputError(
      'invalid-type',
      '`agents` in a bundle must be a mapping {include: [ns:name, ...], <name>: {...}}',
      {
        file: src.file,
        line: src.lineOf(['agents']),
        fix: 'write `agents:` with an `include:` list and/or inline agent definitions',
      },
    );
  }
  const loaded: LoadedAgent[] = [];
  const include = agents.include ?? [];
  if (!Array.isArray(include) || !include.every((ref) => typeof ref === 'string')) {
    throw new InputError('invalid-type', '`agents.include` must be a list of agent references (ns:name)', {
      file: src.file,
      line: src.lineOf(['agents', 'include']),
      fix: 'write `include: [foundation:explorer, ...]`',
    });
  }
  for (const [index, ref] of (include as string[]).entries()) {
    const located = await locateAgentFile(ref, ownDir, namespaces, ctx);
    if ('file' in located) {
      loaded.push({ name: ref, modules: await readAgentFile(ctx, located.file) });
      continue;
    }
    const where = { file: src.file, line: src.lineOf(['agents', 'include', index]) };
    const message = `agent '${ref}' not found: ${located.missing}`;
    const fix = 'fix the agent reference or make its bundle available';
    if (ctx.strict) throw new InputError('agent-not-found', message, { ...where, fix });
    warnings.push({ code: 'agent-not-found', message, ...where, fix });
  }
  for (const [name, definition] of Object.entries(agents)) {
    if (name === 'include' || definition === null) continue;
    if (!isMapping(definition)) {
      throw new InputError('invalid-type', `agents.${name} must be an inline agent definition (a mapping)`, {
        file: src.file,
        line: src.lineOf(['agents', name]),
        fix: `write agents.${name} as a mapping with tools/providers/hooks, or list the agent under agents.include`,
      });
    }
    const modules: ModuleSet = readModuleSet(src, ['agents', name], definition);
    loaded.push({ name, modules: mergeModuleSets('bundle', EMPTY_MODULE_SET, modules, warnings) });
  }
  return loaded;
}
