import { join } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import { InputError } from '../../errors.js';
import { agentNameOf, type LoadedAgent, readAgentFile } from './agent-file.js';
import { collectionDirs, firstExistingFile, listCollections } from './collections.js';
import type { DeclareContext } from './declare-context.js';

/** The merged value of a profile's `agents:` key. */
export type ProfileAgentsSetting = 'all' | 'none' | readonly string[] | null;

interface AgentDir {
  readonly namespace: string | null;
  readonly dir: string;
}

async function agentDirs(ctx: DeclareContext): Promise<AgentDir[]> {
  return [
    { namespace: null, dir: join(ctx.workspace, '.amplifier', 'agents') },
    { namespace: null, dir: join(ctx.home, 'agents') },
    ...(await listCollections(ctx)).map((c) => ({ namespace: c.name, dir: join(c.dir, 'agents') })),
  ];
}

async function allAgentFiles(ctx: DeclareContext): Promise<{ name: string; file: string }[]> {
  const found: { name: string; file: string }[] = [];
  for (const { namespace, dir } of await agentDirs(ctx)) {
    const entries = ((await ctx.fs.readdir(dir)) ?? []).filter((entry) => entry.endsWith('.md')).sort();
    for (const entry of entries) {
      const file = join(dir, entry);
      const base = agentNameOf(file);
      const name = namespace ? `${namespace}:${base}` : base;
      if (!found.some((agent) => agent.name === name) && (await ctx.fs.stat(file))?.isFile) found.push({ name, file });
    }
  }
  return found;
}

async function findAgent(ctx: DeclareContext, ref: string): Promise<{ file: string | null; searched: string[] }> {
  const colon = ref.indexOf(':');
  const searched =
    colon > 0
      ? collectionDirs(ctx, ref.slice(0, colon)).map((dir) => join(dir, 'agents', `${ref.slice(colon + 1)}.md`))
      : (await agentDirs(ctx)).map(({ dir }) => join(dir, `${ref}.md`));
  return { file: await firstExistingFile(ctx, searched), searched };
}

/** Loads the agents a profile selects (`all`, `none` or a list of names) from the agent search path. */
export async function loadProfileAgents(
  ctx: DeclareContext,
  setting: ProfileAgentsSetting,
  declaredAt: { readonly file: string; readonly line: number },
  warnings: Diagnostic[],
): Promise<LoadedAgent[]> {
  if (setting === null || setting === 'none') return [];
  const selected: { name: string; file: string }[] = [];
  if (setting === 'all') {
    selected.push(...(await allAgentFiles(ctx)));
  } else {
    for (const ref of setting) {
      const { file, searched } = await findAgent(ctx, ref);
      if (file) {
        selected.push({ name: ref, file });
        continue;
      }
      const message = `agent '${ref}' not found; searched: ${searched.join(', ')}`;
      const fix = 'install the collection that provides it, or remove it from `agents:`';
      if (ctx.strict) throw new InputError('agent-not-found', message, { ...declaredAt, fix });
      warnings.push({ code: 'agent-not-found', message, ...declaredAt, fix });
    }
  }
  const agents: LoadedAgent[] = [];
  for (const { name, file } of selected) agents.push({ name, modules: await readAgentFile(ctx, file) });
  return agents;
}
