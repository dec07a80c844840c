import { dirname, join } from 'node:path';
import { InputError } from '../../errors.js';
import type { Position } from '../../model.js';
import { refuseUnsafeGitUri } from '../../source/git-uri.js';
import type { BundleNamespaces } from './bundle-namespaces.js';
import { firstExistingFile } from './collections.js';
import type { DeclareContext } from './declare-context.js';
import { cloneHolding, escapeFromClone } from './include-containment.js';
import { isRelativeOrAbsolutePath, localBundlePath } from './local-bundle-path.js';

/** What an include reference turned out to be. */
export type IncludeTarget =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'skipped'; readonly reason: string };

/** `BundleRegistry._find_resource_path`: as written, `.yaml`, `.yml`, `.md`, `/bundle.yaml`, `/bundle.md`. */
export function bundlePathCandidates(path: string): string[] {
  return [path, `${path}.yaml`, `${path}.yml`, `${path}.md`, join(path, 'bundle.yaml'), join(path, 'bundle.md')];
}

/**
 * Resolves one `includes` entry. Upstream policy: a missing path inside a registered namespace is fatal even in
 * lenient mode; an unregistered namespace, a missing `file://`/relative path and a git include that cannot be had
 * are skipped (the caller records them, and fails on them only in strict mode).
 */
export async function resolveInclude(
  ref: string,
  at: Position,
  namespaces: BundleNamespaces,
  ctx: DeclareContext,
  /** The reference came from this machine (the installed CLI), not from the text of a bundle's clone. */
  local = false,
): Promise<IncludeTarget> {
  const existing = async (candidates: string[]): Promise<string | null> => firstExistingFile(ctx, candidates);
  if (ref.startsWith('git+')) {
    refuseUnsafeGitUri(ref, at);
    const location = await namespaces.locateGit(ref);
    if ('unavailable' in location)
      return { kind: 'skipped', reason: `git include unavailable: ${location.unavailable}` };
    const file = await existing(bundlePathCandidates(location.dir));
    return file ? { kind: 'file', file } : { kind: 'skipped', reason: `not found: no bundle at ${location.dir}` };
  }
  if (ref.startsWith('file://') || isRelativeOrAbsolutePath(ref)) {
    const path = localBundlePath(ref, dirname(at.file));
    const clone = local ? null : cloneHolding(at.file, ctx.home);
    const leaves = clone ? await escapeFromClone(ctx.fs, path, clone) : null;
    if (leaves) return { kind: 'skipped', reason: `include '${ref}' of a bundle fetched from git refused: ${leaves}` };
    const file = await existing(bundlePathCandidates(path));
    if (!file) return { kind: 'skipped', reason: `not found: no bundle at ${path}` };
    const fileLeaves = clone ? await escapeFromClone(ctx.fs, file, clone) : null;
    if (fileLeaves)
      return { kind: 'skipped', reason: `include '${ref}' of a bundle fetched from git refused: ${fileLeaves}` };
    return { kind: 'file', file };
  }
  const colon = ref.indexOf(':');
  const name = colon > 0 ? ref.slice(0, colon) : ref;
  const location = await namespaces.lookup(name);
  if (location === null) return { kind: 'skipped', reason: `namespace not registered: '${name}'` };
  if (location.kind === 'unavailable') {
    return { kind: 'skipped', reason: `namespace '${name}' unavailable: ${location.reason}` };
  }
  const candidates =
    colon > 0
      ? bundlePathCandidates(join(location.dir, ref.slice(colon + 1)))
      : [location.rootFile ?? join(location.dir, 'bundle.md'), join(location.dir, 'bundle.yaml')];
  const file = await existing(candidates);
  if (file) return { kind: 'file', file };
  throw new InputError(
    'include-not-found',
    `include '${ref}': namespace '${name}' is registered (${location.dir}) but the path does not exist; tried:\n${candidates.map((c) => `    ${c}`).join('\n')}`,
    { file: at.file, line: at.line, fix: 'fix the path after the namespace, or remove the include' },
  );
}
