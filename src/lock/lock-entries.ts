/**
 * What one module, repository or include looks like in the lock: credential-free, workspace-relative, and keyed the
 * same way whether the lock is being written or compared against, so the two can never disagree on a key.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { Declaration, LayerName, Source } from '../model.js';
import { withoutUserinfo } from '../secrets.js';
import { isWithin } from '../source/path-within.js';

/** One module of the lock. */
export interface LockedModule {
  /** The resolution layer that won. */
  readonly layer: LayerName;
  /** The resolved source as written, credentials removed; a local path relative to the workspace when inside it. */
  readonly source: string;
  /** git sources: the `#subdirectory=` when there is one. */
  readonly subdirectory?: string | undefined;
  /** git sources: the pinned commit. */
  readonly commit?: string | undefined;
}

/** `url@ref` as `pinKey` writes it, without credentials. */
export function repositoryKey(location: { readonly url: string; readonly ref: string }): string {
  return `${withoutUserinfo(location.url)}@${location.ref}`;
}

/** A session module is keyed by its id; an agent's own declaration of it by `id [agent ns:name]` (as the report says). */
export function moduleKey(declaration: Pick<Declaration, 'id' | 'agent'>): string {
  return declaration.agent ? `${declaration.id} [agent ${declaration.agent}]` : declaration.id;
}

/** A local path as the lock records it: relative to the workspace (with `/`) when inside it, else absolute. */
function lockedPath(path: string, workspace: string): string {
  if (!isAbsolute(path) || !isWithin(path, workspace)) return path;
  const inside = relative(workspace, path).split(sep).join('/');
  return inside === '' ? '.' : inside;
}

/** The lock entry of a resolved module; `commit` is the pin of its git source (null when it has none yet). */
export function lockedModuleFor(
  layer: LayerName,
  source: Source,
  commit: string | null,
  workspace: string,
): LockedModule {
  switch (source.type) {
    case 'git':
      return {
        layer,
        source: withoutUserinfo(source.uri),
        subdirectory: source.subdirectory ?? undefined,
        commit: commit ?? undefined,
      };
    case 'file':
      return { layer, source: lockedPath(source.path, workspace) };
    case 'package':
      return { layer, source: source.name };
  }
}
