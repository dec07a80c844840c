import { basename, extname } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import { InputError } from '../../errors.js';
import type { YamlSource } from '../../yaml/yaml-document.js';
import type { ComposedDeclarations } from './composed.js';
import { readDeclarationFile } from './declaration-file.js';
import type { DeclareContext } from './declare-context.js';
import { mergeModuleSets } from './merge-module-sets.js';
import {
  EMPTY_MODULE_SET,
  isMapping,
  LIST_KEYS,
  type ListKey,
  type ModuleEntry,
  type ModuleSet,
  readModuleSet,
  SLOT_KEYS,
} from './module-entry.js';
import { loadProfileAgents, type ProfileAgentsSetting } from './profile-agents.js';
import { resolveProfileReference } from './profile-references.js';
import { PROFILE_KEYS, warnUnknownKeys } from './unknown-keys.js';

interface ProfileLayer {
  readonly modules: ModuleSet;
  /** undefined: no file in the chain set `agents`. */
  readonly agents: { readonly value: ProfileAgentsSetting; readonly file: string; readonly line: number } | undefined;
}

interface ChainLink {
  readonly name: string;
  readonly file: string;
}

function readAgentsSetting(src: YamlSource, root: Record<string, unknown>): ProfileAgentsSetting | undefined {
  if (!('agents' in root)) return undefined;
  const value = root.agents;
  if (value === null || value === 'all' || value === 'none') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  const shape = isMapping(value) ? 'a mapping' : JSON.stringify(value);
  throw new InputError('invalid-value', `\`agents\` must be 'all', 'none' or a list of agent names, not ${shape}`, {
    file: src.file,
    line: src.lineOf(['agents']),
    fix: "write `agents: all`, `agents: none` or `agents: [name, ...]`; inline agent definitions belong in a bundle's `agents:`",
  });
}

function readExtends(src: YamlSource, root: Record<string, unknown>): { ref: string; line: number } | null {
  const meta = root.profile;
  if (meta === undefined || meta === null) return null;
  if (!isMapping(meta)) {
    throw new InputError('invalid-type', '`profile` must be a mapping {name, version, description, extends?}', {
      file: src.file,
      line: src.lineOf(['profile']),
      fix: 'write `profile:` as a mapping of name, version, description and optional extends',
    });
  }
  const ref = meta.extends;
  if (ref === undefined || ref === null) return null;
  if (typeof ref !== 'string' || ref.trim() === '') {
    throw new InputError('invalid-value', '`profile.extends` must be a profile reference string', {
      file: src.file,
      line: src.lineOf(['profile', 'extends']),
      fix: 'write e.g. `extends: foundation:profiles/base.md`, `extends: base` or `extends: ./base.md`',
    });
  }
  return { ref: ref.trim(), line: src.lineOf(['profile', 'extends']) };
}

/**
 * `exclude:` as amplifier-profiles' chain loader applies it: removes inherited entries before the child merges.
 * The CLI's own loader ignores it, so each use is also a warning.
 */
function applyExclude(
  src: YamlSource,
  root: Record<string, unknown>,
  parent: ModuleSet,
  warnings: Diagnostic[],
): ModuleSet {
  if (!('exclude' in root) || root.exclude === null) return parent;
  const line = src.lineOf(['exclude']);
  const exclude = root.exclude;
  if (!isMapping(exclude)) {
    throw new InputError('invalid-type', '`exclude` must be a mapping like {tools: all} or {hooks: [id, ...]}', {
      file: src.file,
      line,
      fix: 'write `exclude:` with providers/tools/hooks keys, each `all` or a list of module ids',
    });
  }
  const result: Record<ListKey, readonly ModuleEntry[]> = {
    providers: parent.providers,
    tools: parent.tools,
    hooks: parent.hooks,
  };
  for (const [key, value] of Object.entries(exclude)) {
    if (!(LIST_KEYS as readonly string[]).includes(key)) {
      throw new InputError('invalid-value', `exclude.${key}: only providers, tools and hooks can be excluded`, {
        file: src.file,
        line: src.lineOf(['exclude', key]),
        fix: 'remove this key from `exclude:`',
      });
    }
    const listKey = key as ListKey;
    if (value === 'all') result[listKey] = [];
    else if (Array.isArray(value) && value.every((id) => typeof id === 'string')) {
      result[listKey] = result[listKey].filter((entry) => !value.includes(entry.key));
    } else {
      throw new InputError('invalid-value', `exclude.${key} must be 'all' or a list of module ids`, {
        file: src.file,
        line: src.lineOf(['exclude', key]),
        fix: `write \`${key}: all\` or \`${key}: [id, ...]\``,
      });
    }
  }
  warnings.push({
    code: 'exclude-ignored-upstream',
    message:
      '`exclude:` is applied here (the documented intent), but the Amplifier CLI ignores it and still loads the excluded modules',
    file: src.file,
    line,
    fix: 'instead of excluding, restructure the chain so the parent does not declare these modules',
  });
  return { ...parent, ...result };
}

/** An explicit `null` in a child removes what it would have inherited (`_deep_merge_dicts`). */
function applyExplicitNulls(root: Record<string, unknown>, parent: ModuleSet): ModuleSet {
  let result: ModuleSet = parent;
  for (const key of LIST_KEYS) {
    if (key in root && root[key] === null) result = { ...result, [key]: [] };
  }
  const session = root.session;
  if ('session' in root && session === null) return { ...result, orchestrator: null, context: null };
  for (const slot of SLOT_KEYS) {
    if (isMapping(session) && slot in session && session[slot] === null) result = { ...result, [slot]: null };
  }
  return result;
}

async function loadLayer(
  ctx: DeclareContext,
  src: YamlSource,
  chain: readonly ChainLink[],
  warnings: Diagnostic[],
): Promise<ProfileLayer> {
  const root = src.value ?? {};
  if (!isMapping(root)) {
    throw new InputError('invalid-type', 'a profile must be a YAML mapping', {
      file: src.file,
      line: src.lineOf([]),
      fix: 'start the front matter with `profile:` and the module keys',
    });
  }
  warnUnknownKeys(src, root, PROFILE_KEYS, 'profile', warnings);
  const parentRef = readExtends(src, root);
  const agentsValue = readAgentsSetting(src, root);
  const own = readModuleSet(src, [], root, { slotModuleOptional: parentRef !== null });
  const ownAgents =
    agentsValue === undefined ? undefined : { value: agentsValue, file: src.file, line: src.lineOf(['agents']) };
  if (parentRef === null) {
    return { modules: mergeModuleSets('profile', EMPTY_MODULE_SET, own, warnings), agents: ownAgents };
  }
  const parentFile = await resolveProfileReference(parentRef.ref, { file: src.file, line: parentRef.line }, ctx);
  const parentReal = (await ctx.fs.realpath(parentFile)) ?? parentFile;
  const link: ChainLink = { name: parentRef.ref, file: parentReal };
  const loop = chain.findIndex((entry) => entry.file === parentReal);
  if (loop >= 0) {
    const names = [...chain.slice(loop).map((entry) => entry.name), parentRef.ref];
    throw new InputError('extends-cycle', `Circular dependency detected: ${names.join(' -> ')}`, {
      file: src.file,
      line: parentRef.line,
      fix: 'remove the `extends:` that closes the loop',
    });
  }
  const parentSrc = await readDeclarationFile(ctx.fs, parentFile);
  const parent = await loadLayer(ctx, parentSrc, [...chain, link], warnings);
  const base = applyExplicitNulls(root, applyExclude(src, root, parent.modules, warnings));
  return {
    modules: mergeModuleSets('profile', base, own, warnings),
    agents: ownAgents ?? parent.agents,
  };
}

function requireSlotModules(modules: ModuleSet): void {
  for (const slot of SLOT_KEYS) {
    const entry = modules[slot];
    if (entry && entry.key === '') {
      throw new InputError('invalid-value', `session.${slot} has no 'module' key anywhere in the extends chain`, {
        file: entry.at.file,
        line: entry.at.line,
        fix: `add \`module: <id>\` to session.${slot}`,
      });
    }
  }
}

/** Loads a profile and its `extends` chain, merged the way the Amplifier CLI's `ProfileLoader.load_profile` does. */
export async function loadProfile(
  ctx: DeclareContext,
  src: YamlSource,
  warnings: Diagnostic[],
): Promise<ComposedDeclarations> {
  const real = (await ctx.fs.realpath(src.file)) ?? src.file;
  const rootName = basename(src.file, extname(src.file));
  const layer = await loadLayer(ctx, src, [{ name: rootName, file: real }], warnings);
  requireSlotModules(layer.modules);
  const agents = layer.agents
    ? await loadProfileAgents(ctx, layer.agents.value, { file: layer.agents.file, line: layer.agents.line }, warnings)
    : [];
  return { format: 'profile', root: src.file, modules: layer.modules, agents, unresolvedIncludes: [] };
}
