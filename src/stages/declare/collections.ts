import { join } from 'node:path';
import type { DeclareContext } from './declare-context.js';

/** A profile-era collection: a directory with `profiles/`, `agents/` (and more) found by its name. */
export interface Collection {
  readonly name: string;
  readonly dir: string;
}

/** Candidate directories of collection `name`, highest priority first: --namespace, workspace, home. */
export function collectionDirs(ctx: DeclareContext, name: string): string[] {
  return [
    ...ctx.namespaces.filter((ns) => ns.name === name).map((ns) => ns.dir),
    join(ctx.workspace, '.amplifier', 'collections', name),
    join(ctx.home, 'collections', name),
  ];
}

/** Every collection on this machine, highest priority first; a name found twice keeps its first directory. */
export async function listCollections(ctx: DeclareContext): Promise<Collection[]> {
  const found: Collection[] = [];
  const add = (name: string, dir: string): void => {
    if (!found.some((c) => c.name === name)) found.push({ name, dir });
  };
  for (const ns of ctx.namespaces) {
    if ((await ctx.fs.stat(ns.dir))?.isDirectory) add(ns.name, ns.dir);
  }
  for (const root of [join(ctx.workspace, '.amplifier', 'collections'), join(ctx.home, 'collections')]) {
    const names = ((await ctx.fs.readdir(root)) ?? []).sort();
    for (const name of names) {
      const dir = join(root, name);
      if ((await ctx.fs.stat(dir))?.isDirectory) add(name, dir);
    }
  }
  return found;
}

/** The first of `candidates` that is an existing file, or null. */
export async function firstExistingFile(ctx: DeclareContext, candidates: readonly string[]): Promise<string | null> {
  for (const candidate of candidates) {
    if ((await ctx.fs.stat(candidate))?.isFile) return candidate;
  }
  return null;
}
