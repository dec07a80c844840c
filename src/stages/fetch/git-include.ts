/**
 * Git includes of bundles (`git+https://...@main#subdirectory=behaviors/x.yaml`) and well-known bundles: where
 * their checkout is in the module cache. `resolve` only looks (no network); `warm` pins and fetches first.
 */

import { join } from 'node:path';
import { isInputError } from '../../errors.js';
import { CLI_WORDING, type Wording } from '../../options/option-wording.js';
import { maskUserinfo } from '../../secrets.js';
import { layoutARepoDir } from '../../source/cache-layout.js';
import { parseGitUri } from '../../source/git-uri.js';
import { isWithin } from '../../source/path-within.js';
import { type CloneReader, inspectClone } from './clone-state.js';
import { type FetchContext, isStandIn, pinKey } from './context.js';
import { ensureCheckouts } from './ensure-checkouts.js';
import { pinRefs } from './pin.js';

/**
 * `dir` is the path the URI names: the clone root, or the `#subdirectory=` inside it (a directory or a file);
 * `commit` is the commit the clone is at (what a lock file records for the include).
 */
export type GitIncludeLocation =
  | {
      readonly dir: string;
      readonly repoDir: string;
      readonly commit: string | null;
      /** install and verify: the remote could not be reached and the cached clone stood in; git's words. */
      readonly unreachable?: string | undefined;
    }
  | { readonly unavailable: string };

export type GitIncludeLocator = (uri: string) => Promise<GitIncludeLocation>;

/** A git include that does not parse is an include that cannot be had (the loader reports it), not a crash. */
function parseOrUnavailable(uri: string): ReturnType<typeof parseGitUri> | { unavailable: string } {
  try {
    return parseGitUri(uri);
  } catch (error) {
    if (isInputError(error)) return { unavailable: error.message };
    throw error;
  }
}

/** `placedAt`: where warm put the checkout when not at the ref's own directory (a locked commit: url@<commit>). */
async function locate(
  home: string,
  reader: CloneReader,
  uri: string,
  w: Wording = CLI_WORDING,
  placedAt?: string,
): Promise<GitIncludeLocation> {
  const parsed = parseOrUnavailable(uri);
  if ('unavailable' in parsed) return parsed;
  const repoDir = placedAt ?? layoutARepoDir(home, parsed);
  const { fs } = reader;
  const state = await inspectClone(reader, repoDir);
  if (state.kind === 'missing') {
    return {
      unavailable: `${maskUserinfo(uri)} is not in the module cache (${repoDir}); run \`${w.command('warm')}\` once`,
    };
  }
  if (state.kind === 'invalid') {
    return { unavailable: `the cached clone ${repoDir} of ${maskUserinfo(uri)} is unusable (${state.reason})` };
  }
  const dir = parsed.subdirectory ? join(repoDir, parsed.subdirectory) : repoDir;
  if (!(await fs.stat(dir))) {
    return { unavailable: `${parsed.subdirectory ?? ''} does not exist in the cached clone ${repoDir}` };
  }
  // A symlink committed in the repository must not make a bundle read files from elsewhere on the machine.
  const real = await fs.realpath(dir);
  if (real && !isWithin(real, (await fs.realpath(repoDir)) ?? repoDir)) {
    return {
      unavailable: `${parsed.subdirectory ?? ''} in the cached clone ${repoDir} is a symlink leading outside it`,
    };
  }
  return { dir, repoDir, commit: state.head };
}

/**
 * Offline: the include's checkout if the module cache has it. Given the run's ports (files and git), the clone is
 * checked as warm checks it; given the file system alone (the older call), every tracked file being present is not
 * checked, as that takes git.
 */
export function locateGitIncludeInCache(home: string, reader: CloneReader, w?: Wording): GitIncludeLocator {
  return (uri) => locate(home, reader, uri, w);
}

/**
 * Warm: pin the include's ref, fetch it into the module cache when needed, then locate it. `lockedCommit` gives the
 * commit a lock file holds for the include's URI: it is the pin (no `ls-remote`), and under `--frozen` it must exist.
 */
export function fetchGitInclude(
  ctx: FetchContext,
  lockedCommit: (uri: string) => string | null = () => null,
): GitIncludeLocator {
  return async (uri) => {
    if (ctx.offline) return locate(ctx.home, ctx, uri, ctx.wording);
    const parsed = parseOrUnavailable(uri);
    if ('unavailable' in parsed) return parsed;
    const location = { url: parsed.url, ref: parsed.ref };
    const locked = lockedCommit(uri);
    const pins = await pinRefs([location], { ...ctx, lockedCommit: () => locked });
    const [outcome] = await ensureCheckouts([location], pins, ctx);
    if (outcome?.error) return { unavailable: outcome.error };
    const located = await locate(ctx.home, ctx, uri, ctx.wording, outcome?.dir);
    const pin = pins.get(pinKey(location));
    return isStandIn(pin) && !('unavailable' in located) ? { ...located, unreachable: pin.unreachable } : located;
  };
}
