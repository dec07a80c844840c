/**
 * Where a git source lives in the module cache (docs/formats.md, "The module cache"). Layout A is what the current
 * Amplifier CLI and amplifier-foundation use and the only one this product writes or resolves to; the older layouts
 * B and C are only recognised by their directory names (prune, `commands/prune/prune-clones.ts`).
 *
 * Layout A follows amplifier-foundation's GitSourceHandler: the hashed string is
 * `<scheme without git+>://<netloc><path>@<ref>` where netloc keeps any userinfo, the directory name is the last
 * path segment as written (a trailing `.git` is kept), and the subdirectory is not part of the key.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { GitSource } from '../model.js';

/** A repository at a ref (a git source without its subdirectory): what a clone, a pin and a cache key are of. */
export type GitLocation = Pick<GitSource, 'url' | 'ref'>;

export type GitLocationWithSubdirectory = Pick<GitSource, 'url' | 'ref' | 'subdirectory'>;

const LAYOUT_A_NAME = /^(.+)-([0-9a-f]{16})$/;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Amplifier clients write the URL without `git+`; tolerate it being passed with the prefix. */
function withoutGitPlus(url: string): string {
  return url.startsWith('git+') ? url.slice('git+'.length) : url;
}

/** The URL's path component: everything after `scheme://netloc`. */
function urlPath(url: string): string {
  const schemeEnd = url.indexOf('://');
  const afterScheme = schemeEnd >= 0 ? url.slice(schemeEnd + 3) : url;
  const slash = afterScheme.indexOf('/');
  return slash >= 0 ? afterScheme.slice(slash) : '';
}

/** The repository name upstream puts in front of the hash: the last path segment, trailing slashes ignored. */
export function layoutARepoName(url: string): string {
  const segments = urlPath(withoutGitPlus(url)).replace(/\/+$/, '').split('/');
  return segments[segments.length - 1] ?? '';
}

/** First 16 hex of sha256("<url>@<ref>"). */
export function layoutAKey(source: GitLocation): string {
  return sha256Hex(`${withoutGitPlus(source.url)}@${source.ref}`).slice(0, 16);
}

/** The directory name of a layout-A clone: `<repo>-<16 hex>`. */
export function layoutADirName(source: GitLocation): string {
  return `${layoutARepoName(source.url)}-${layoutAKey(source)}`;
}

/** `<home>/cache/<repo>-<16 hex>`: the clone's root, shared by every subdirectory of the same url and ref. */
export function layoutARepoDir(home: string, source: GitLocation): string {
  return join(home, 'cache', layoutADirName(source));
}

/** The module's directory in layout A: the clone root, plus the subdirectory when there is one. */
export function layoutAPath(home: string, source: GitLocationWithSubdirectory): string {
  const root = layoutARepoDir(home, source);
  return source.subdirectory ? join(root, source.subdirectory) : root;
}

/** Splits a directory name such as `amplifier-module-tool-bash-813c080b4c271b81`; null when it is not layout A. */
export function parseLayoutADirName(name: string): { repo: string; hash: string } | null {
  const match = LAYOUT_A_NAME.exec(name);
  if (!match) return null;
  const [, repo, hash] = match;
  if (repo === undefined || hash === undefined) return null;
  return { repo, hash };
}
