/**
 * Layer 4 (legacy): `<collection>/modules/<id>` in an installed profile collection. Collections are searched in
 * `<workspace>/.amplifier/collections/*` first, then `<home>/collections/*`, each in name order.
 */
import { join } from 'node:path';
import type { FileSystem } from '../../../ports.js';
import type { Layer, LayerAttempt, ResolveContext } from '../layer.js';

export function collectionRoots(workspace: string, home: string): string[] {
  return [join(workspace, '.amplifier', 'collections'), join(home, 'collections')];
}

async function collectionsIn(fs: FileSystem, root: string): Promise<string[]> {
  const names = (await fs.readdir(root)) ?? [];
  const dirs: string[] = [];
  for (const name of [...names].sort()) {
    const stat = await fs.stat(join(root, name));
    if (stat?.isDirectory) dirs.push(join(root, name));
  }
  return dirs;
}

/**
 * The installed collections, listed once per resolution context: every declaration searches the same ones, and
 * listing them per module cost two directory reads per module (at N=50, 100 reads of directories most runs lack).
 */
const listedPerContext = new WeakMap<ResolveContext, Promise<string[]>>();

async function listCollections(ctx: ResolveContext): Promise<string[]> {
  const dirs: string[] = [];
  for (const root of collectionRoots(ctx.workspace, ctx.home)) dirs.push(...(await collectionsIn(ctx.fs, root)));
  return dirs;
}

function installedCollections(ctx: ResolveContext): Promise<string[]> {
  const listed = listedPerContext.get(ctx) ?? listCollections(ctx);
  listedPerContext.set(ctx, listed);
  return listed;
}

export const collectionLayer: Layer = {
  name: 'collection',
  async attempt(declaration, ctx): Promise<LayerAttempt> {
    const collections = await installedCollections(ctx);
    for (const collection of collections) {
      const dir = join(collection, 'modules', declaration.id);
      const stat = await ctx.fs.stat(dir);
      if (stat?.isDirectory) {
        const path = (await ctx.fs.realpath(dir)) ?? dir;
        return {
          outcome: 'matched',
          source: { type: 'file', uri: dir, path },
          detail: `${dir} (collection ${collection})`,
        };
      }
    }
    if (collections.length === 0)
      return {
        outcome: 'not-set',
        detail: `no collections installed (looked in ${collectionRoots(ctx.workspace, ctx.home).join(', ')})`,
      };
    return { outcome: 'not-set', detail: `no modules/${declaration.id} in ${collections.join(', ')}` };
  },
};
