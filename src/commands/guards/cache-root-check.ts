/**
 * The module cache must be a directory (or not exist yet, below directories). A file where the Amplifier home or
 * its cache should be is a broken machine, not a module failure: reported once, with the fix, before any work.
 */
import { dirname, join } from 'node:path';
import { RuntimeFailure } from '../../errors.js';
import type { FileSystem } from '../../ports.js';

export async function checkCacheRoot(fs: FileSystem, home: string): Promise<void> {
  const cache = join(home, 'cache');
  for (let path = cache; ; path = dirname(path)) {
    const stat = await fs.stat(path);
    if (stat && !stat.isDirectory) {
      throw new RuntimeFailure(
        'cache-unusable',
        `the module cache ${cache} cannot be used: ${path} is not a directory`,
        undefined,
        `move ${path} out of the way (or point --home / AMPLIFIER_HOME elsewhere), then run again`,
      );
    }
    if (stat || dirname(path) === path) return;
  }
}
