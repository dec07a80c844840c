import type { ModuleOrigin, UnresolvedInclude } from '../../model.js';
import type { LoadedAgent } from './agent-file.js';
import type { ModuleSet } from './module-entry.js';

/** A profile chain or bundle tree after merging: the session's modules, then each agent's, in mount-plan order. */
export interface ComposedDeclarations {
  readonly format: 'profile' | 'bundle';
  readonly root: string;
  readonly modules: ModuleSet;
  readonly agents: readonly LoadedAgent[];
  readonly unresolvedIncludes: readonly UnresolvedInclude[];
  /** Bundles only: the directory of every bundle in the composition (each may hold a Python package of its own). */
  readonly bundleRoots?: readonly string[] | undefined;
  /** `--session` only: the part each module came from, keyed by `originKey(agent, kind, id)`. */
  readonly origins?: ReadonlyMap<string, ModuleOrigin> | undefined;
}
