/**
 * Which recorded environments installed from a clone directory: a run about to move a ref's clone to a new commit
 * says who follows it (every environment with an editable install into that directory does, silently).
 */

import type { FileSystem } from '../ports.js';
import { locateEnvironment } from '../python/locate.js';
import { isWithin } from '../source/path-within.js';
import { scanSitePackages } from '../stages/audit/site-scan.js';
import { readRegistry } from './environment-registry.js';

export async function environmentsInstalledFrom(fs: FileSystem, home: string, dir: string): Promise<string[]> {
  const users: string[] = [];
  for (const recorded of (await readRegistry(fs, home, true)).live) {
    const environment = await locateEnvironment(recorded.python, fs);
    const scan = await scanSitePackages(fs, environment.sitePackages);
    const uses = scan.dists.some(
      (dist) =>
        (dist.installedFrom !== null && isWithin(dist.installedFrom, dir)) ||
        dist.targets.some((target) => isWithin(target.target, dir)),
    );
    if (uses) users.push(environment.prefix);
  }
  return users;
}
