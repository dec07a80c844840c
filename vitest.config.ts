import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `slow`: a file named `*.slow.test.ts` (a stress test of size or time), or a test file that builds venvs or runs Python, runs the built CLI or the action in a runner,
 * imports the built package, or starts a server (git daemon, git over HTTP, the cache service). `fast`: every other
 * file, pure or in-process (real git in temporary directories included). `npm run test:fast` runs the fast tier in
 * well under a minute; `npm test` runs both. A file's tier follows from what it imports, so a new test lands in the
 * right one without a list to keep.
 */
const SLOW_NAME = /\.slow\.test\.ts$/;
const SLOW_MARKS: readonly RegExp[] = [
  /helpers\/(venv|python-projects|run-cli|sandbox|runner|git-daemon|git-http-server|cache-service|tmpfs)\.js['"]/,
  /\bpython3\b/,
  /from ['"]amplifier-modules['"]|['"]\.\.\/\.\.\/dist\//,
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const all = testFiles('test').sort();
const slow = all.filter(
  (file) => SLOW_NAME.test(file) || SLOW_MARKS.some((mark) => mark.test(readFileSync(file, 'utf8'))),
);
const fast = all.filter((file) => !slow.includes(file));

export default defineConfig({
  test: {
    globalSetup: ['test/setup/temp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Real git, venvs and a cache service: two cores, so keep the pool small and the runs independent.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'fast', include: fast } },
      { extends: true, test: { name: 'slow', include: slow } },
    ],
  },
});
