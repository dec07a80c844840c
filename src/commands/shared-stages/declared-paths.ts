/**
 * doctor and prune work on an environment and the module cache; declarations, when there are any, tell them which
 * directories are expected. No declarations is normal for them, not an error.
 */

import { isInputError } from '../../errors.js';
import type { PipelinePorts } from '../../pipeline-options.js';
import type { PythonSession } from '../../python/python-session.js';
import type { CloneOrigin } from '../../stages/audit/clone-origin.js';
import { locateGitIncludeInCache } from '../../stages/fetch/git-include.js';
import { environmentStage } from './environment-stage.js';
import { type DeclarationOptions, type LoadedAndResolved, loadAndResolve } from './load-and-resolve.js';

export async function optionalDeclarations(
  options: DeclarationOptions,
  ports: PipelinePorts,
  /**
   * The session of the environment the caller already located, so it is not located a second time; undefined: the
   * default environment when there is one (resolve's package layer looks in it).
   */
  environment?: PythonSession | null,
  /** Told the clone directory of every git include found in the cache (prune keeps those clones). */
  onIncludeClone?: (dir: string) => void,
  /** doctor: without -p, compose the active bundle as the Amplifier CLI composes a session. */
  sessionByDefault = false,
  /** Told why there are no declarations (nothing active, or the active bundle cannot be read). */
  onNone?: (why: string) => void,
): Promise<LoadedAndResolved | null> {
  const inCache = locateGitIncludeInCache(options.home, ports);
  try {
    return await loadAndResolve(options, ports, {
      locateGitInclude: async (uri) => {
        const location = await inCache(uri);
        if ('repoDir' in location) onIncludeClone?.(location.repoDir);
        return location;
      },
      environment: environment === undefined ? environmentStage(options, ports, false) : async () => environment,
      sessionByDefault,
    });
  } catch (error) {
    if (isInputError(error) && error.code === 'no-declarations' && options.profiles.length === 0) {
      onNone?.(error.fix ? `${error.message} (${error.fix})` : error.message);
      return null;
    }
    throw error;
  }
}

/** Expected directory by module id (the first declaration of an id wins). */
export function expectedPaths(loaded: LoadedAndResolved | null): Map<string, string> {
  const expected = new Map<string, string>();
  for (const { declaration, resolution } of loaded?.resolved ?? []) {
    if (resolution.path && !expected.has(declaration.id)) expected.set(declaration.id, resolution.path);
  }
  return expected;
}

/** Declared git origin (URL and ref) by module id, for the origin check of `doctor --fix` (first declaration wins). */
export function expectedOrigins(loaded: LoadedAndResolved | null): Map<string, CloneOrigin> {
  const origins = new Map<string, CloneOrigin>();
  for (const { declaration, resolution } of loaded?.resolved ?? []) {
    const source = resolution.source;
    if (source?.type === 'git' && !origins.has(declaration.id))
      origins.set(declaration.id, { url: source.url, ref: source.ref });
  }
  return origins;
}
