/**
 * The bundled action across several jobs, as a workflow runs it: each job is `dist/main` then `dist/post` with a
 * fresh HOME (a fresh runner), one real cache service (the twirp harness in front of Azurite) shared by all jobs,
 * real git repositories, a real venv and pip. Covers the cache's security model (a poisoned clone never reaches a
 * later job, privileged events never save), the cache modes, saving after a failed verify, the matrix recipe with
 * one saver, offline restores, and the annotation cap.
 */
import { existsSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as cache from '@actions/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleOutput } from '../../src/action/outputs.js';
import type { Report } from '../../src/report/report.js';
import { type CacheService, closedPortUrl, startCacheService } from '../helpers/cache-service.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { type Backend, writeModuleProject } from '../helpers/python-projects.js';
import { type ActionRun, MAIN_BUNDLE, POST_BUNDLE, runBundledAction } from '../helpers/runner.js';
import { createVenv, type TestVenv } from '../helpers/venv.js';

// pip reads these like its flags: no index, no dependencies, the system setuptools instead of an isolated build.
const OFFLINE_PIP = { PIP_NO_INDEX: '1', PIP_NO_DEPS: '1', PIP_NO_BUILD_ISOLATION: '0' };

let root: string;
let workspace: string;
let venv: TestVenv;
let service: CacheService;
let jobs = 0;
/** Several jobs per test on two shared cores: generous, and never an assertion about time. */
const JOBS_TIMEOUT = 600_000;

async function moduleRepo(id: string, backend: Backend = 'setuptools-flat'): Promise<string> {
  const dir = join(root, 'repos', `amplifier-module-${id}`);
  await fsp.mkdir(dir, { recursive: true });
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  await writeModuleProject(dir, { id, backend });
  await commitFiles(dir, {}, 'initial');
  return `git+file://${dir}@main`;
}

async function writeProfile(name: string, modules: ReadonlyArray<{ id: string; source?: string }>): Promise<string> {
  const entries = modules.flatMap((m) => [`  - module: ${m.id}`, ...(m.source ? [`    source: ${m.source}`] : [])]);
  const text = ['---', 'profile:', `  name: ${name}`, 'tools:', ...entries, '---', 'Test profile.', ''].join('\n');
  await fsp.mkdir(join(workspace, '.amplifier', 'profiles'), { recursive: true });
  await fsp.writeFile(join(workspace, '.amplifier', 'profiles', `${name}.md`), text);
  return `.amplifier/profiles/${name}.md`;
}

interface Job {
  readonly home: string;
  readonly run: ActionRun;
}

/**
 * One job on a fresh runner: an empty module cache and its own RUNNER_TEMP, the shared cache service. HOME is the
 * same path in every job, as on hosted runners: the toolkit's entry version hashes the absolute cached paths.
 */
async function job(
  inputs: Record<string, string>,
  options: { env?: Record<string, string>; post?: 'always' | 'never' } = {},
): Promise<Job> {
  jobs += 1;
  const home = join(root, 'home');
  const runnerTemp = join(root, `job-${jobs}`, 'temp');
  await fsp.rm(join(home, '.amplifier', 'cache'), { recursive: true, force: true });
  await fsp.mkdir(home, { recursive: true });
  await fsp.mkdir(runnerTemp, { recursive: true });
  const run = await runBundledAction({
    inputs: { python: venv.python, profile: '.amplifier/profiles/ci.md', ...inputs },
    workspace,
    runnerTemp,
    post: options.post ?? 'always',
    env: { HOME: home, ...OFFLINE_PIP, ...service.env(runnerTemp, workspace), ...options.env },
  });
  return { home, run };
}

function modulesOf(run: ActionRun): ModuleOutput[] {
  return JSON.parse(run.outputs.modules ?? 'null') as ModuleOutput[];
}

async function reportOf(run: ActionRun): Promise<Report> {
  return JSON.parse(await fsp.readFile(run.outputs.report ?? '', 'utf8')) as Report;
}

/** Saves the job's cached paths under `key` with the toolkit directly: a save that skipped the action's checks. */
async function saveAround(cold: Job, key: string): Promise<void> {
  const paths = JSON.parse(cold.run.state['cache-paths'] ?? '[]') as string[];
  const before = { ...process.env };
  Object.assign(process.env, service.env(cold.run.runnerTemp, workspace));
  try {
    expect(await cache.saveCache(paths, key)).not.toBe(-1);
  } finally {
    process.env = before;
  }
}

function creates(key: string): number {
  return service.calls.filter((call) => call.method === 'CreateCacheEntry' && call.body.key === key).length;
}

function saved(key: string): number {
  return service.entries.filter((entry) => entry.key === key && entry.finalized).length;
}

function notices(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('::notice'));
}

/** The log as a reader sees it without debug logging. */
function visible(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('::debug::'))
    .join('\n');
}

function warnings(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('::warning'));
}

beforeAll(async () => {
  if (!existsSync(MAIN_BUNDLE) || !existsSync(POST_BUNDLE)) {
    throw new Error(`the action is not built (${MAIN_BUNDLE}): run \`npm run build\` first`);
  }
  root = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'am-cache-e2e-')));
  workspace = join(root, 'ws');
  await fsp.mkdir(workspace, { recursive: true });
  venv = await createVenv(root);
  service = await startCacheService();
  const alpha = await moduleRepo('tool-alpha');
  const beta = await moduleRepo('tool-beta');
  await writeProfile('ci', [
    { id: 'tool-alpha', source: alpha },
    { id: 'tool-beta', source: beta },
  ]);
  await writeProfile('half-broken', [{ id: 'tool-alpha', source: alpha }, { id: 'tool-nowhere' }]);
  await writeProfile('eggs', [
    { id: 'tool-egg-one', source: await moduleRepo('tool-egg-one', 'setuptools-setup-py') },
    { id: 'tool-egg-two', source: await moduleRepo('tool-egg-two', 'setuptools-setup-py') },
  ]);
  await writeProfile(
    'many-broken',
    Array.from({ length: 12 }, (_, index) => ({ id: `tool-missing-${index}` })),
  );
});

afterAll(async () => {
  await service?.stop();
  if (root) await fsp.rm(root, { recursive: true, force: true });
});

describe('the README one-step recipe with setuptools modules', () => {
  it(
    'the install writes <name>.egg-info into the clones: saved without it, restored exactly by the next job',
    async () => {
      const first = await job({ profile: '.amplifier/profiles/eggs.md', 'cache-key-prefix': 'eggs' });
      expect(first.run.main.code, first.run.main.stdout).toBe(0);
      const key = first.run.outputs['cache-key'] ?? '';
      const clones = modulesOf(first.run).map((m) => m.path ?? '');
      // What pip's `setup.py develop` wrote into each clone (the old code refused to save because of it).
      for (const [index, clone] of clones.entries()) {
        const name = `amplifier_module_tool_egg_${['one', 'two'][index]}.egg-info`;
        expect(existsSync(join(clone, name)), `${clone}/${name}`).toBe(true);
      }
      const post = first.run.post?.stdout ?? '';
      expect(post).toContain(`Saved the module cache as ${key} (left out what steps wrote into the clones: `);
      expect(post).toContain('.egg-info');
      expect([...warnings(post), ...notices(post)]).toEqual([]);
      expect(saved(key)).toBe(1);
      // Moved back after the save: the job's environment ends as the install left it.
      for (const clone of clones) expect((await fsp.readdir(clone)).some((n) => n.endsWith('.egg-info'))).toBe(true);

      const second = await job({ profile: '.amplifier/profiles/eggs.md', 'cache-key-prefix': 'eggs' });
      expect(second.run.main.code, second.run.main.stdout).toBe(0);
      expect(second.run.outputs['cache-hit']).toBe('true');
      // Every restored clone passed the check (an archived egg-info would have been discarded and fetched again).
      expect((await reportOf(second.run)).modules.map((m) => m.fetch?.origin)).toEqual(['ci-cache', 'ci-cache']);
      expect(warnings(second.run.main.stdout)).toEqual([]);
      expect(second.run.post?.stdout).toContain('exact hit');
      expect(creates(key)).toBe(1);
    },
    JOBS_TIMEOUT,
  );
});

describe('a cache nobody can poison', () => {
  it(
    'files a later step adds are left out; a changed tracked file is never saved and named in one warning',
    async () => {
      const cold = await job({ 'cache-key-prefix': 'tamper' }, { post: 'never' });
      expect(cold.run.main.code, cold.run.main.stdout).toBe(0);
      const key = cold.run.outputs['cache-key'] ?? '';
      const alpha = modulesOf(cold.run).find((m) => m.id === 'tool-alpha')?.path ?? '';
      // A later step of the job (tests, a build) leaves a compiled file in the clone, and edits a tracked one.
      await fsp.mkdir(join(alpha, 'amplifier_module_tool_alpha', '__pycache__'));
      await fsp.writeFile(join(alpha, 'amplifier_module_tool_alpha', '__pycache__', '__init__.cpython-311.pyc'), 'x');
      await fsp.appendFile(join(alpha, 'pyproject.toml'), '\n# edited by a later step\n');
      const post = await cold.run.runPost();
      expect(post.code).toBe(0);
      expect(notices(post.stdout)).toEqual([]);
      const [warning, ...more] = warnings(post.stdout);
      expect(more).toEqual([]);
      expect(warning).toContain('Not saving the module cache');
      expect(warning).toContain(`${basename(alpha)} (pyproject.toml (modified))`);
      expect(warning).not.toContain('__pycache__');
      expect(creates(key)).toBe(0);
      // The next job finds nothing to restore and fetches from git.
      const next = await job({ 'cache-key-prefix': 'tamper' });
      expect(next.run.outputs['cache-hit']).toBe('false');
      expect((await reportOf(next.run)).modules.map((m) => m.fetch?.origin)).toEqual(['network', 'network']);
      expect(saved(key)).toBe(1);
    },
    JOBS_TIMEOUT,
  );

  it(
    'a poisoned entry (saved around the action) is discarded on restore, fetched again and never installed',
    async () => {
      const cold = await job({ 'cache-key-prefix': 'poison' }, { post: 'never' });
      const key = cold.run.outputs['cache-key'] ?? '';
      const alpha = modulesOf(cold.run).find((m) => m.id === 'tool-alpha')?.path ?? '';
      const init = join(alpha, 'amplifier_module_tool_alpha', '__init__.py');
      const pristine = await fsp.readFile(init, 'utf8');
      await fsp.writeFile(init, `${pristine}\nPOISONED = True\n`);
      // Save the tampered clones under the real key with the real paths, as another tool (or an old action) could.
      const post = await cold.run.runPost();
      expect(warnings(post.stdout)).toHaveLength(1);
      expect(creates(key)).toBe(0);
      await saveAround(cold, key);
      expect(saved(key)).toBe(1);

      const next = await job({ 'cache-key-prefix': 'poison' });
      expect(next.run.main.code, next.run.main.stdout).toBe(0);
      const discarded = warnings(next.run.main.stdout);
      expect(discarded).toHaveLength(1);
      expect(discarded[0]).toContain('1 clone(s) that are not exactly their commit; discarded and fetched again');
      expect(discarded[0]).toContain('amplifier_module_tool_alpha/__init__.py (modified)');
      const report = await reportOf(next.run);
      expect(report.modules.map((m) => [m.id, m.fetch?.origin, m.status])).toEqual([
        ['tool-alpha', 'network', 'ok'],
        ['tool-beta', 'ci-cache', 'ok'],
      ]);
      const installed = modulesOf(next.run).find((m) => m.id === 'tool-alpha')?.path ?? '';
      expect(await fsp.readFile(join(installed, 'amplifier_module_tool_alpha', '__init__.py'), 'utf8')).toBe(pristine);
    },
    JOBS_TIMEOUT,
  );

  it(
    'never saves on pull_request_target (one notice), while restoring still works',
    async () => {
      const privileged = { GITHUB_EVENT_NAME: 'pull_request_target' };
      const first = await job({ 'cache-key-prefix': 'prt' }, { env: privileged });
      expect(first.run.main.code).toBe(0);
      const key = first.run.outputs['cache-key'] ?? '';
      expect(notices(first.run.post?.stdout ?? '')).toEqual([
        expect.stringContaining('this job runs on a pull_request_target event'),
      ]);
      expect(creates(key)).toBe(0);
      // A trusted job saves; the privileged one may restore it.
      await job({ 'cache-key-prefix': 'prt' });
      const restoring = await job({ 'cache-key-prefix': 'prt' }, { env: { GITHUB_EVENT_NAME: 'workflow_run' } });
      expect(restoring.run.outputs['cache-hit']).toBe('true');
      expect(creates(key)).toBe(1);
    },
    JOBS_TIMEOUT,
  );
});

describe('cache control', () => {
  it(
    'restore-only restores but never saves; save-only never restores and saves',
    async () => {
      const saver = await job({ 'cache-key-prefix': 'modes', 'save-only': 'true' });
      expect(saver.run.main.code, saver.run.main.stdout).toBe(0);
      const key = saver.run.outputs['cache-key'] ?? '';
      expect(saver.run.outputs['cache-hit']).toBe('false');
      expect(service.calls.filter((c) => c.method === 'GetCacheEntryDownloadURL' && c.body.key === key)).toHaveLength(
        1, // the post step's lookup before reserving; main never asked
      );
      expect(saved(key)).toBe(1);

      const reader = await job({ 'cache-key-prefix': 'modes', 'restore-only': 'true' });
      expect(reader.run.outputs['cache-hit']).toBe('true');
      expect(reader.run.post?.stdout).toContain('Not saving the module cache: restore-only: true.');

      const missReader = await job({ 'cache-key-prefix': 'modes-empty', 'restore-only': 'true' });
      expect(missReader.run.outputs['cache-hit']).toBe('false');
      expect(creates(missReader.run.outputs['cache-key'] ?? '')).toBe(0);
    },
    JOBS_TIMEOUT,
  );

  it(
    'fail-on-cache-miss stops at once on a miss (no git call, one error, a fix naming the inputs), passes on a hit',
    async () => {
      // Every git the action starts goes through this wrapper, which logs its arguments.
      const wrapperDir = join(root, 'git-wrapper');
      const gitLog = join(root, 'git-calls.log');
      await fsp.mkdir(wrapperDir, { recursive: true });
      const realGit = (await fsp.realpath('/usr/bin/git')) || 'git';
      await fsp.writeFile(join(wrapperDir, 'git'), `#!/bin/sh\necho "$@" >> '${gitLog}'\nexec '${realGit}' "$@"\n`, {
        mode: 0o755,
      });
      const env = { PATH: `${wrapperDir}:${process.env.PATH}` };
      const missed = await job({ 'cache-key-prefix': 'strict-empty', 'fail-on-cache-miss': 'true' }, { env });
      expect(missed.run.main.code).toBe(1);
      expect(existsSync(gitLog) ? await fsp.readFile(gitLog, 'utf8') : '').toBe('');
      const errors = missed.run.commands.filter((c) => c.command === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(
        /fail-on-cache-miss: no cache entry matches strict-empty-\S+-…; stopped before fetching anything/,
      );
      expect(errors[0]?.message).toContain('command: warm');
      expect(missed.run.outputs.ok).toBe('false');
      expect(missed.run.summary).toMatch(/^## ❌/m);
      expect(missed.run.summary).not.toContain('✅');
      // The wrapper works: a run without the flag does call git through it.
      await job({ 'cache-key-prefix': 'strict-empty-control' }, { env, post: 'never' });
      expect(await fsp.readFile(gitLog, 'utf8')).toContain('ls-remote');
      const hit = await job({ 'cache-key-prefix': 'modes', 'fail-on-cache-miss': 'true' });
      expect(hit.run.main.code, hit.run.main.stdout).toBe(0);
    },
    JOBS_TIMEOUT,
  );

  it(
    'lookup-only with command: warm: a miss fetches and saves, a hit downloads and fetches nothing',
    async () => {
      const first = await job({ command: 'warm', 'cache-key-prefix': 'lookup', 'lookup-only': 'true' });
      expect(first.run.main.code, first.run.main.stdout).toBe(0);
      expect(first.run.outputs['cache-hit']).toBe('false');
      const key = first.run.outputs['cache-key'] ?? '';
      expect(saved(key)).toBe(1);
      const second = await job({ command: 'warm', 'cache-key-prefix': 'lookup', 'lookup-only': 'true' });
      expect(second.run.main.code, second.run.main.stdout).toBe(0);
      expect(second.run.outputs['cache-hit']).toBe('true');
      expect(second.run.outputs['cache-key']).toBe(key);
      expect(second.run.main.stdout).toContain('Lookup only - skipping download');
      // Nothing was downloaded or cloned: the module cache of this fresh runner is still empty.
      const moduleCache = join(second.home, '.amplifier', 'cache');
      const clones = existsSync(moduleCache) ? (await fsp.readdir(moduleCache)).filter((n) => !n.startsWith('.')) : [];
      expect(clones).toEqual([]);
      expect(modulesOf(second.run).map((m) => m.status)).toEqual(['ok', 'ok']);
      expect(creates(key)).toBe(1);
    },
    JOBS_TIMEOUT,
  );

  it(
    'saves what was fetched when verify failed, so a fix-and-retry run starts warm',
    async () => {
      const failed = await job({ profile: '.amplifier/profiles/half-broken.md', 'cache-key-prefix': 'retry' });
      expect(failed.run.main.code).toBe(1);
      const key = failed.run.outputs['cache-key'] ?? '';
      expect(failed.run.post?.stdout).toContain(`Saved the module cache as ${key}.`);
      const retry = await job({ profile: '.amplifier/profiles/half-broken.md', 'cache-key-prefix': 'retry' });
      expect(retry.run.outputs['cache-hit']).toBe('true');
    },
    JOBS_TIMEOUT,
  );

  it(
    'offline: true still restores from the Actions cache (by prefix: nothing can be pinned before)',
    async () => {
      await job({ 'cache-key-prefix': 'offline' });
      const offline = await job({ 'cache-key-prefix': 'offline', offline: 'true' });
      expect(offline.run.main.code, offline.run.main.stdout).toBe(0);
      expect(offline.run.outputs['cache-hit']).toBe('true');
      expect((await reportOf(offline.run)).modules.map((m) => m.fetch?.origin)).toEqual(['ci-cache', 'ci-cache']);
      // With no entry, offline fails each module with a fix in the action's terms.
      const empty = await job({ 'cache-key-prefix': 'offline-empty', offline: 'true' });
      expect(empty.run.main.code).toBe(1);
      const annotations = empty.run.commands.filter((c) => c.command === 'error' && c.properties.file);
      expect(annotations.length).toBeGreaterThan(0);
      for (const annotation of annotations) {
        expect(annotation.message).toContain('offline: true');
        expect(annotation.message).not.toContain('--offline');
      }
      expect(empty.run.summary).not.toContain('--offline');
    },
    JOBS_TIMEOUT,
  );
});

describe('the matrix recipe', () => {
  it(
    'one warm job saves; the matrix jobs restore the exact entry, verify, and none saves again',
    async () => {
      const warm = await job({ command: 'warm', 'cache-key-prefix': 'matrix', 'lookup-only': 'true' });
      expect(warm.run.main.code, warm.run.main.stdout).toBe(0);
      const key = warm.run.outputs['cache-key'] ?? '';
      for (const _leg of ['py3.12', 'py3.13']) {
        const leg = await job({ 'cache-key-prefix': 'matrix' });
        expect(leg.run.main.code, leg.run.main.stdout).toBe(0);
        expect(leg.run.outputs['cache-hit']).toBe('true');
        expect(leg.run.outputs['cache-key']).toBe(key);
        expect(leg.run.post?.stdout).toContain('exact hit');
      }
      expect(creates(key)).toBe(1);
    },
    JOBS_TIMEOUT,
  );

  it(
    'matrix jobs that all missed: the first post saves, the others skip quietly (no warning)',
    async () => {
      const legs: Job[] = [];
      for (let index = 0; index < 3; index++) legs.push(await job({ 'cache-key-prefix': 'race' }, { post: 'never' }));
      const key = legs[0]?.run.outputs['cache-key'] ?? '';
      expect(legs.map((leg) => leg.run.outputs['cache-key'])).toEqual([key, key, key]);
      const posts = [];
      for (const leg of legs) posts.push(await leg.run.runPost());
      expect(posts[0]?.stdout).toContain(`Saved the module cache as ${key}.`);
      for (const post of posts.slice(1)) {
        expect(post.stdout).toContain('already exists (another job saved it); not saving');
        expect(warnings(post.stdout)).toEqual([]);
      }
      expect(creates(key)).toBe(1);
    },
    JOBS_TIMEOUT,
  );

  it(
    'posts racing for one key: one saves; each loser says so in at most one notice, never a warning',
    async () => {
      const legs: Job[] = [];
      for (let index = 0; index < 3; index++)
        legs.push(await job({ 'cache-key-prefix': 'race-at-once' }, { post: 'never' }));
      const key = legs[0]?.run.outputs['cache-key'] ?? '';
      const posts = await Promise.all(legs.map((leg) => leg.run.runPost()));
      expect(posts.filter((post) => post.stdout.includes(`Saved the module cache as ${key}`))).toHaveLength(1);
      for (const post of posts) {
        expect(warnings(post.stdout)).toEqual([]);
        expect(notices(post.stdout).length).toBeLessThanOrEqual(1);
        // The toolkit's misleading line is kept for the debug log only.
        expect(visible(post.stdout)).not.toContain('another job may be creating this cache');
      }
      for (const notice of posts.flatMap((post) => notices(post.stdout))) {
        expect(notice).toContain(`another job saved ${key} first`);
      }
      expect(saved(key)).toBe(1);
    },
    JOBS_TIMEOUT,
  );

  it(
    'a cache service outage: one warning in main, nothing from post, modules fetched from git',
    async () => {
      const down = { ACTIONS_RESULTS_URL: await closedPortUrl() };
      const outage = await job({ 'cache-key-prefix': 'outage' }, { env: down });
      expect(outage.run.main.code, outage.run.main.stdout).toBe(0);
      const mainWarnings = warnings(outage.run.main.stdout);
      expect(mainWarnings).toHaveLength(1);
      expect(mainWarnings[0]).toContain('The module cache could not be restored');
      expect(outage.run.main.stdout).not.toMatch(/^::error::/m);
      expect((await reportOf(outage.run)).cache.hit).toBe('unavailable');
      const post = outage.run.post?.stdout ?? '';
      expect([...warnings(post), ...notices(post)]).toEqual([]);
      expect(visible(post)).not.toContain('another job may be creating this cache');
    },
    JOBS_TIMEOUT,
  );
});

describe("annotations at GitHub's limits", () => {
  it(
    '12 failed modules: 8 at their lines, one naming the other 4, the failure message; all 12 in the summary',
    async () => {
      const broken = await job({ profile: '.amplifier/profiles/many-broken.md', 'cache-key-prefix': 'many' });
      expect(broken.run.main.code).toBe(1);
      const errors = broken.run.commands.filter((c) => c.command === 'error');
      expect(errors).toHaveLength(10);
      expect(errors.slice(0, 8).every((e) => e.properties.file === '.amplifier/profiles/many-broken.md')).toBe(true);
      expect(errors[8]?.properties.title).toBe('amplifier-modules: 4 more failed modules');
      expect(errors[8]?.message).toContain('tool-missing-11 unresolved');
      for (let index = 0; index < 12; index++) expect(broken.run.summary).toContain(`tool-missing-${index}`);
    },
    JOBS_TIMEOUT,
  );
});
