/**
 * `sources.bundles` in the settings files: redirects of bundle includes, as amplifier-app-cli applies them through
 * the registry's include source resolver. Each key is matched as a plain substring of the include exactly as
 * written; the first key (in merged settings order) that matches wins; a `namespace:path` include is never
 * redirected (the registry resolves it by namespace); the include's `#fragment` is kept when the override has none.
 * Only includes are redirected, never the bundle that was asked for.
 */
import type { Position } from '../../model.js';
import { isRelativeOrAbsolutePath, localBundlePath } from './local-bundle-path.js';

export interface IncludeRedirect {
  /** The `sources.bundles` key: a substring of include URIs. */
  readonly key: string;
  /** What the matching include is loaded from instead. */
  readonly uri: string;
  /** Where the key was written. */
  readonly file: string;
  readonly line: number;
}

export interface RedirectedInclude {
  /** The include to load, relative paths made absolute against the workspace (the CLI's working directory). */
  readonly ref: string;
  readonly by: IncludeRedirect;
}

const NAMESPACE_PATH = /^[a-zA-Z][a-zA-Z0-9_-]+:/;

function isNamespacePath(ref: string): boolean {
  if (ref.includes('://') || ref.startsWith('git+') || ref.startsWith('zip+')) return false;
  return NAMESPACE_PATH.test(ref);
}

/**
 * A local override carrying the include's `#subdirectory=` (kept from the include) means that file inside the
 * directory; relative paths are taken from the workspace. Git and other URIs are left as they are.
 */
function localPath(uri: string, workspace: string): string {
  const local = uri.startsWith('file://') || isRelativeOrAbsolutePath(uri);
  return local ? localBundlePath(uri, workspace) : uri;
}

export function redirectInclude(
  ref: string,
  redirects: readonly IncludeRedirect[],
  workspace: string,
): RedirectedInclude | null {
  if (isNamespacePath(ref)) return null;
  const by = redirects.find((redirect) => ref.includes(redirect.key));
  if (!by) return null;
  const hash = ref.indexOf('#');
  const uri = hash >= 0 && !by.uri.includes('#') ? `${by.uri}${ref.slice(hash)}` : by.uri;
  return { ref: localPath(uri, workspace), by };
}

/** How a redirected include is named in messages: the include, the override and the settings line that chose it. */
export function describeRedirect(original: string, redirected: RedirectedInclude): string {
  return `'${original}' (redirected to '${redirected.ref}' by sources.bundles.${redirected.by.key}, ${redirected.by.file}:${redirected.by.line})`;
}

/** The settings line of a redirect, for errors about the override's own value. */
export function redirectPosition(redirected: RedirectedInclude): Position {
  return { file: redirected.by.file, line: redirected.by.line };
}
