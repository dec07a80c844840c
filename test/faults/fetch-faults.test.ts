/**
 * Faults while the module cache is being filled, on the built CLI with real git against a real `git daemon`: the
 * server dies mid-fetch, the CLI is SIGKILLed mid-clone, two warms share one cache. After each, the final state must
 * be right: no half clone at a module's path, and the next run completes it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutARepoDir } from '../../src/source/cache-layout.js';
import { type GitDaemon, startGitDaemon } from '../helpers/git-daemon.js';
import { commitFiles, git, makeModuleRepo } from '../helpers/git-repos.js';
import { CLI } from '../helpers/run-cli.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeRun, profileText } from '../hostile/refusal.js';

let sb: Sandbox;
let daemon: GitDaemon;
let commit = '';
const REPO = 'amplifier-module-tool-big';

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  const base = join(sb.root, 'served');
  const repo = await makeModuleRepo(base, REPO);
  // Incompressible content so a fetch takes long enough to be interrupted.
  commit = await commitFiles(repo.path, { 'data/blob.bin': randomBytes(24 * 1024 * 1024).toString('base64') }, 'big');
  await git(repo.path, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
  daemon = await startGitDaemon(base);
  await sb.write(
    'p.md',
    profileText('profile: {name: p}', 'tools:', '  - module: tool-big', `    source: git+${daemon.url(REPO)}@main`),
  );
}, 120_000);
afterAll(async () => {
  await daemon.stop();
  await sb.cleanup();
});

const cacheRoot = () => join(sb.amplifierHome, 'cache');
const cloneDir = () => layoutARepoDir(sb.amplifierHome, { url: daemon.url(REPO), ref: 'main' });

async function clear(): Promise<void> {
  await rm(cacheRoot(), { recursive: true, force: true });
}

/** Resolves once a temporary clone directory exists in the cache (git is receiving the pack). */
async function fetchStarted(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const names = (await readdir(cacheRoot()).catch(() => [])) as string[];
    if (names.some((name) => name.startsWith('.tmp-'))) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the fetch never started');
}

/** The module's clone is complete and at the pinned commit: every file of the commit is there, byte for byte. */
async function expectCompleteClone(): Promise<void> {
  expect(await git(cloneDir(), ['rev-parse', 'HEAD'])).toBe(commit);
  // Tracked files unmodified (the cache's own metadata file is untracked by design).
  expect(await git(cloneDir(), ['status', '--porcelain', '--untracked-files=no'])).toBe('');
  await git(cloneDir(), ['fsck', '--no-progress', '--no-dangling']);
  expect((await readFile(join(cloneDir(), 'data/blob.bin'))).length).toBeGreaterThan(24 * 1024 * 1024);
}

function startCli(args: readonly string[]): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: sb.workspace,
    env: {
      PATH: join(sb.root, 'bin'),
      HOME: sb.userHome,
      AMPLIFIER_HOME: sb.amplifierHome,
      TMPDIR: join(sb.root, 'tmp'),
    },
    stdio: 'ignore',
    detached: true,
  });
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, done };
}

describe('fetch faults', () => {
  it('the git server killed mid-fetch: the module fails cleanly, nothing half-written is used, a rerun completes it', async () => {
    await clear();
    const { done } = startCli(['warm', '-p', 'p.md']);
    await fetchStarted();
    await daemon.stop();
    const code = await done;
    await daemon.start();
    if (code === 0) {
      // The pack was already complete when the server went away: then the clone must be whole.
      await expectCompleteClone();
    } else {
      expect(code).toBe(1);
      const names = (await readdir(cacheRoot()).catch(() => [])) as string[];
      expect(names.filter((name) => !name.startsWith('.'))).toEqual([]);
    }
    const rerun = await sb.runAsync(['warm', '-p', 'p.md']);
    expect(rerun.code, describeRun(rerun)).toBe(0);
    await expectCompleteClone();
  });

  it('the CLI SIGKILLed mid-clone: a rerun replaces the debris and completes the clone', async () => {
    await clear();
    const { child, done } = startCli(['warm', '-p', 'p.md']);
    await fetchStarted();
    // The whole process group: the CLI and the git it started.
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
    await done;
    const rerun = await sb.runAsync(['warm', '-p', 'p.md']);
    expect(rerun.code, describeRun(rerun)).toBe(0);
    await expectCompleteClone();
    const verify = await sb.runAsync(['warm', '-p', 'p.md', '--offline']);
    expect(verify.code, describeRun(verify)).toBe(0);
  });

  it('two warms on one cache at the same time both succeed and leave one complete clone', async () => {
    await clear();
    const [first, second] = await Promise.all([
      sb.runAsync(['warm', '-p', 'p.md']),
      sb.runAsync(['warm', '-p', 'p.md']),
    ]);
    expect(first?.code, describeRun(first ?? { code: null, stdout: '', stderr: '' })).toBe(0);
    expect(second?.code, describeRun(second ?? { code: null, stdout: '', stderr: '' })).toBe(0);
    await expectCompleteClone();
    const names = await readdir(cacheRoot());
    expect(names.filter((name) => !name.startsWith('.'))).toEqual([cloneDir().split('/').pop()]);
  });
});
