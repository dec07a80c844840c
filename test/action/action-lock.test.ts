/**
 * The bundled action with a lock file beside the declarations: it runs frozen, so the cache key comes from the
 * locked commits. A first job fetches the locked commits and saves; a second job on a fresh runner, with the git
 * daemon stopped, computes the same key without network, restores it exactly and passes. Every git command the
 * action starts is recorded by a wrapper on PATH: none is an ls-remote.
 */
import { existsSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleOutput } from '../../src/action/outputs.js';
import { type CacheService, startCacheService } from '../helpers/cache-service.js';
import { type GitDaemon, startGitDaemon } from '../helpers/git-daemon.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { type ActionRun, runBundledAction } from '../helpers/runner.js';

let root: string;
let workspace: string;
let service: CacheService;
let daemon: GitDaemon;
let bin: string;
let gitLog: string;
let jobs = 0;
const locked = new Map<string, string>();
const JOBS_TIMEOUT = 600_000;

async function job(inputs: Record<string, string> = {}): Promise<ActionRun> {
  jobs += 1;
  const home = join(root, 'home');
  const runnerTemp = join(root, `job-${jobs}`, 'temp');
  await fsp.rm(join(home, '.amplifier', 'cache'), { recursive: true, force: true });
  await fsp.mkdir(runnerTemp, { recursive: true });
  await fsp.rm(gitLog, { force: true });
  return runBundledAction({
    inputs: { command: 'warm', profile: '.amplifier/profiles/ci.md', ...inputs },
    workspace,
    runnerTemp,
    post: 'always',
    env: {
      HOME: home,
      PATH: `${bin}:${process.env.PATH}`,
      GIT_LOG: gitLog,
      ...service.env(runnerTemp, workspace),
    },
  });
}

async function gitCommands(): Promise<string[]> {
  return existsSync(gitLog) ? (await fsp.readFile(gitLog, 'utf8')).split('\n').filter(Boolean) : [];
}

beforeAll(async () => {
  root = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'am-action-lock-')));
  workspace = join(root, 'ws');
  const profiles = join(workspace, '.amplifier', 'profiles');
  await fsp.mkdir(profiles, { recursive: true });
  const tools: string[] = [];
  for (const id of ['tool-alpha', 'tool-beta']) {
    const dir = join(root, 'repos', `amplifier-module-${id}`);
    await fsp.mkdir(dir, { recursive: true });
    await git(dir, ['init', '--quiet', '--initial-branch=main']);
    await writeModuleProject(dir, { id, backend: 'setuptools-flat' });
    locked.set(id, await commitFiles(dir, {}, 'initial'));
    tools.push(`  - module: ${id}`, `    source: git+git://127.0.0.1:PORT/amplifier-module-${id}@main`);
  }
  daemon = await startGitDaemon(join(root, 'repos'));
  const profile = ['---', 'profile:', '  name: ci', 'tools:', ...tools, '---', ''].join('\n');
  await fsp.writeFile(join(profiles, 'ci.md'), profile.replaceAll('PORT', String(daemon.port)));
  bin = join(root, 'bin');
  gitLog = join(root, 'git.log');
  await fsp.mkdir(bin);
  await fsp.writeFile(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "$GIT_LOG"\nexec /usr/bin/git "$@"\n`);
  await fsp.chmod(join(bin, 'git'), 0o755);
  service = await startCacheService();
  const lock = runBuiltCli(['lock', '--profile', join(profiles, 'ci.md'), '--home', join(root, 'lock-home')], {
    cwd: workspace,
  });
  if (lock.code !== 0) throw new Error(`lock failed: ${lock.stderr}`);
  // Upstream moves after locking: a job that asked the remote would get these commits instead.
  for (const id of locked.keys()) await commitFiles(join(root, 'repos', `amplifier-module-${id}`), { 'N.md': 'n\n' });
}, JOBS_TIMEOUT);

afterAll(async () => {
  await daemon?.stop();
  await service?.stop();
  if (root) await fsp.rm(root, { recursive: true, force: true });
});

describe('the action with a lock beside the declarations', () => {
  it(
    'runs frozen: the locked commits, no ls-remote; then, with git unreachable, an exact hit computed from the lock',
    async () => {
      const cold = await job();
      expect(cold.main.code, cold.main.stdout + cold.main.stderr).toBe(0);
      const modules = JSON.parse(cold.outputs.modules ?? '[]') as ModuleOutput[];
      expect(modules.map((m) => [m.id, m.commit])).toEqual([...locked]);
      const coldGit = await gitCommands();
      expect(coldGit.some((line) => line.startsWith('fetch'))).toBe(true);
      expect(coldGit.filter((line) => line.includes('ls-remote'))).toEqual([]);
      expect(cold.outputs['cache-hit']).toBe('false');
      expect(cold.outputs.locked).toBe('true');

      await daemon.stop();
      try {
        const warm = await job();
        expect(warm.main.code, warm.main.stdout + warm.main.stderr).toBe(0);
        expect(warm.outputs['cache-key']).toBe(cold.outputs['cache-key']);
        expect(warm.outputs['cache-hit']).toBe('true');
        expect(await gitCommands()).not.toContainEqual(expect.stringMatching(/ls-remote|^fetch/));

        // Without the lock the same job must ask the remote for a pin, and with git unreachable it cannot.
        const unlocked = await job({ 'lock-file': 'none' });
        expect(unlocked.main.code).not.toBe(0);
        expect(unlocked.outputs.locked).toBe('false');
        expect(await gitCommands()).toContainEqual(expect.stringContaining('ls-remote'));
      } finally {
        await daemon.start();
      }
    },
    JOBS_TIMEOUT,
  );

  it(
    'a lock-file that does not exist is one error at no flag: the fix names the input',
    async () => {
      const run = await job({ 'lock-file': 'missing.lock' });
      expect(run.main.code).toBe(1);
      const errors = run.commands.filter((c) => c.command === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toContain('there is no lock file to compare with.');
      expect(errors[0]?.message).toContain('set lock-file: PATH of it');
      expect(errors[0]?.message).not.toMatch(/--[a-z]/);
    },
    JOBS_TIMEOUT,
  );

  it(
    'a declaration that differs from the lock fails the step with the diff',
    async () => {
      const file = join(workspace, '.amplifier', 'profiles', 'ci.md');
      const original = await fsp.readFile(file, 'utf8');
      await fsp.writeFile(file, original.replace('amplifier-module-tool-beta@main', 'amplifier-module-tool-beta@v9'));
      try {
        const run = await job();
        expect(run.main.code).not.toBe(0);
        expect(run.outputs.ok).toBe('false');
        expect(run.main.stdout).toContain('tool-beta: declared @v9, locked @main');
        expect(await gitCommands()).not.toContainEqual(expect.stringContaining('ls-remote'));
      } finally {
        await fsp.writeFile(file, original);
      }
    },
    JOBS_TIMEOUT,
  );
});
