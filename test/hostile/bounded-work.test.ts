/**
 * Bounded work: a lock of 40,000 entries (about 12 MB, under the 32 MB limit) is read in time linear in its size, and
 * SIGINT / SIGTERM sent to the built CLI while it reads that lock are answered at once (130 / 143), not after the
 * read. The brace bomb of the action's `profile` input is refused before any work: test/action/profile-patterns.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/run-cli.js';

let root: string;
const COMMIT = 'a'.repeat(40);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-bounded-'));
  await writeFile(
    join(root, 'profile.yaml'),
    'profile: {name: big}\ntools:\n  - {module: tool-x, source: "git+https://example.invalid/o/amplifier-module-tool-x@main"}\n',
  );
  const modules: Record<string, unknown> = {};
  const repositories: Record<string, string> = {};
  for (let index = 0; index < 40_000; index += 1) {
    const url = `https://github.com/some-org/amplifier-module-tool-${index}`;
    modules[`tool-${index}`] = { commit: COMMIT, layer: 'profile', source: `git+${url}@main` };
    repositories[`${url}@main`] = COMMIT;
  }
  const lock = { includes: {}, modules, repositories, version: 1 };
  await writeFile(join(root, 'amplifier-modules.lock'), `${JSON.stringify(lock, null, 2)}\n`);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs `warm --frozen` over the big lock; sends `signal` after `afterMs`; resolves with the exit and the wait. */
function warm(
  signal: NodeJS.Signals | null,
  afterMs = 0,
): Promise<{ code: number | null; stderr: string; answeredMs: number }> {
  const child = spawn(
    process.execPath,
    [CLI, 'warm', '--frozen', '--profile', 'profile.yaml', '--home', join(root, 'home'), '--workspace', root],
    { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout.resume();
  let sentAt = 0;
  if (signal) {
    setTimeout(() => {
      sentAt = Date.now();
      child.kill(signal);
    }, afterMs);
  }
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stderr, answeredMs: sentAt ? Date.now() - sentAt : 0 })),
  );
}

describe('a 40,000-entry lock', () => {
  it('is read, compared and reported (the old quadratic read did not finish in 35 s)', {
    timeout: 30_000,
  }, async () => {
    const run = await warm(null);
    expect(run.code, run.stderr).toBe(1);
  });

  // The signal lands while the lock is read; the generous bound is for a loaded machine (it is well under a second).
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while it is read is answered at once', { timeout: 30_000 }, async (signal, code) => {
    const run = await warm(signal, 500);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toContain(`interrupted by ${signal}`);
    expect(run.answeredMs).toBeLessThan(3_000);
  });
});
