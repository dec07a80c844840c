/**
 * Spawned tests run the built `dist/`; run against a build older than `src/` they would test yesterday's code and
 * pass or fail for the wrong reason. They refuse instead, saying how to fix it.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function newestSource(dir: string): { readonly path: string; readonly mtimeMs: number } {
  let newest = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestSource(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/** Throws when any built entry is missing or older than the newest file under `src/`. */
export function assertDistFresh(repoRoot: string, builtEntries: readonly string[]): void {
  const source = newestSource(join(repoRoot, 'src'));
  for (const entry of builtEntries) {
    const built = statSync(entry, { throwIfNoEntry: false });
    const shown = relative(repoRoot, entry);
    if (!built) throw new Error(`${shown} does not exist: run \`npm run build\` before the tests that spawn dist/`);
    if (built.mtimeMs < source.mtimeMs) {
      throw new Error(
        `${shown} is older than ${relative(repoRoot, source.path)}: dist/ does not hold the current src/; run \`npm run build\` first`,
      );
    }
  }
}
