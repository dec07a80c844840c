/**
 * How the declare stage finds a bundle's git include in one command. resolve never touches the network: an include
 * comes from the module cache or is listed as unresolved. The other commands fetch it, as the lock says when there is
 * one, once the environment is known to be usable (a run that cannot install clones nothing) and the cache is held;
 * an include whose remote could not be reached but whose cached clone stood in is a warning.
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { PipelinePorts } from '../../pipeline-options.js';
import type { FetchContext } from '../../stages/fetch/context.js';
import { fetchGitInclude, type GitIncludeLocation, locateGitIncludeInCache } from '../../stages/fetch/git-include.js';
import type { CacheGuard } from '../guards/cache-guard.js';
import type { LockedRun } from '../lock/locked-run.js';
import type { EnvironmentStage } from '../shared-stages/environment-stage.js';
import { includeStoodIn } from './unreachable-warning.js';

export interface IncludeLocator {
  readonly locate: (uri: string) => Promise<GitIncludeLocation>;
  /** The includes a cached clone stood in for, as warnings (collected while the declarations are read). */
  readonly stoodIn: () => readonly Diagnostic[];
}

export interface IncludeLocatorNeeds {
  /** Fetch includes (every command but resolve and `verify --no-install`). */
  readonly fetches: boolean;
  readonly home: string;
  readonly locked: LockedRun | null;
  /** The fetch context as the lock makes it, asked when an include is fetched (the lock is read by then). */
  readonly fetchContext: () => FetchContext;
  readonly environment: EnvironmentStage;
  readonly guard: CacheGuard;
}

export function includeLocator(
  needs: IncludeLocatorNeeds,
  ports: Pick<PipelinePorts, 'fs' | 'exec' | 'env'>,
): IncludeLocator {
  const { locked } = needs;
  const includeCommit = (uri: string) => locked?.includeCommit(uri) ?? null;
  const stoodIn: Diagnostic[] = [];
  const fetch = async (uri: string): Promise<GitIncludeLocation> => {
    await needs.environment();
    await needs.guard.hold();
    const fetchOne = () => fetchGitInclude(needs.fetchContext(), includeCommit)(uri);
    const located = await (locked ? locked.locateInclude(uri, fetchOne) : fetchOne());
    const warning = includeStoodIn(uri, located);
    if (warning) stoodIn.push(warning);
    return located;
  };
  const fromCache = (uri: string): Promise<GitIncludeLocation> => {
    const inCache = async () => {
      includeCommit(uri);
      return locateGitIncludeInCache(needs.home, ports)(uri);
    };
    return locked ? locked.locateInclude(uri, inCache) : inCache();
  };
  return { locate: needs.fetches ? fetch : fromCache, stoodIn: () => stoodIn };
}
