/**
 * setuptools' strict editable mode puts `<project>/build/__editable__.<name>-<ver>-<tag>` on `sys.path`: a tree of
 * symlinks into the project. The tree can survive while the files it links to are gone.
 */
import { basename, join } from 'node:path';
import type { FileSystem } from '../../ports.js';

export function isLinkTree(path: string): boolean {
  return basename(path).startsWith('__editable__.');
}

const MAX_DEPTH = 12;
const MAX_ENTRIES = 20_000;

/** Every symlink in the tree whose target does not exist. */
export async function findBrokenLinks(fs: FileSystem, root: string): Promise<string[]> {
  const broken: string[] = [];
  let visited = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    for (const name of (await fs.readdir(dir)) ?? []) {
      visited += 1;
      if (visited > MAX_ENTRIES) return;
      const path = join(dir, name);
      const link = await fs.lstat(path);
      if (!link) continue;
      if (link.isSymbolicLink) {
        if ((await fs.stat(path)) === null) broken.push(path);
      } else if (link.isDirectory) {
        await walk(path, depth + 1);
      }
    }
  };
  await walk(root, 0);
  return broken;
}
