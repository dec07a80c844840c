import type { Declaration, DeclarationSet, ModuleKind, ModuleOrigin } from '../../model.js';
import type { ComposedDeclarations } from './composed.js';
import { LIST_KEYS, LIST_KIND, type ModuleEntry, type ModuleSet, SLOT_KEYS } from './module-entry.js';

function toDeclaration(entry: ModuleEntry, kind: ModuleKind, agent: string | null): Declaration {
  const source = entry.data.source;
  const config = entry.data.config;
  return {
    id: entry.key,
    kind,
    agent,
    declaredAt: entry.at,
    source:
      typeof source === 'string' || (typeof source === 'object' && source !== null)
        ? (source as Declaration['source'])
        : null,
    sourceBaseDir: entry.sourceDir,
    config: config === undefined ? null : config,
  };
}

/** The identity a module keeps through composition (its agent or the session, kind and id): origins' key. */
export function originKey(agent: string | null, kind: string, id: string): string {
  return `${agent ?? ''}\u0000${kind}\u0000${id}`;
}

function withOrigin(declaration: Declaration, origins: ReadonlyMap<string, ModuleOrigin> | undefined): Declaration {
  const origin = origins?.get(originKey(declaration.agent, declaration.kind, declaration.id));
  return origin ? { ...declaration, origin } : declaration;
}

/** Mount-plan order within one session or agent: orchestrator, context, providers, tools, hooks. */
function declarationsOf(modules: ModuleSet, agent: string | null): Declaration[] {
  const result: Declaration[] = [];
  for (const slot of SLOT_KEYS) {
    const entry = modules[slot];
    if (entry) result.push(toDeclaration(entry, slot, agent));
  }
  for (const key of LIST_KEYS) {
    for (const entry of modules[key]) result.push(toDeclaration(entry, LIST_KIND[key], agent));
  }
  return result;
}

/** The session's own modules first, then each agent's, in mount-plan agent order. */
export function toDeclarationSet(composed: ComposedDeclarations): DeclarationSet {
  return {
    format: composed.format,
    root: composed.root,
    declarations: [
      ...declarationsOf(composed.modules, null),
      ...composed.agents.flatMap((agent) => declarationsOf(agent.modules, agent.name)),
    ].map((declaration) => withOrigin(declaration, composed.origins)),
    unresolvedIncludes: composed.unresolvedIncludes,
    bundleRoots: composed.bundleRoots ?? [],
  };
}
