/**
 * The bundled action (dist/main, dist/post) run the way the GitHub runner runs it, against a real cache service
 * (the twirp harness in front of Azurite), real git repositories, a real venv and pip. Build first: `npm run build`.
 */
import { existsSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleOutput } from '../../src/action/outputs.js';
import type { Report } from '../../src/report/report.js';
import { type CacheService, closedPortUrl, startCacheService } from '../helpers/cache-service.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { type ActionRun, MAIN_BUNDLE, POST_BUNDLE, runBundledAction } from '../helpers/runner.js';
import { createVenv, type TestVenv } from '../helpers/venv.js';

// pip reads these like its flags: no index, no dependencies, the system setuptools instead of an isolated build.
const OFFLINE_PIP = { PIP_NO_INDEX: '1', PIP_NO_DEPS: '1', PIP_NO_BUILD_ISOLATION: '0' };

let root: string;
let workspace: string;
let home: string;
let runnerTemp: string;
let venv: TestVenv;
let service: CacheService;
const commits: Record<string, string> = {};

async function moduleRepo(id: string): Promise<string> {
  const dir = join(root, 'repos', `amplifier-module-${id}`);
  await fsp.mkdir(dir, { recursive: true });
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  await writeModuleProject(dir, { id, backend: 'setuptools-flat' });
  commits[id] = await commitFiles(dir, {}, 'initial');
  return `git+file://${dir}@main`;
}

/** A profile whose `- module:` lines are where the annotations must point. */
function profile(name: string, modules: ReadonlyArray<{ id: string; source?: string }>): string {
  const entries = modules.flatMap((m) => [`  - module: ${m.id}`, ...(m.source ? [`    source: ${m.source}`] : [])]);
  return ['---', 'profile:', `  name: ${name}`, 'tools:', ...entries, '---', 'Test profile.', ''].join('\n');
}

async function writeProfile(name: string, text: string): Promise<string> {
  const path = join(workspace, '.amplifier', 'profiles', `${name}.md`);
  await fsp.mkdir(join(workspace, '.amplifier', 'profiles'), { recursive: true });
  await fsp.writeFile(path, text);
  return `.amplifier/profiles/${name}.md`;
}

function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runBundledAction({
    inputs: { python: venv.python, ...inputs },
    workspace,
    runnerTemp,
    // action.yml: post-if: always()
    post: 'always',
    env: { HOME: home, ...OFFLINE_PIP, ...env },
  });
}

function modulesOf(run: ActionRun): ModuleOutput[] {
  return JSON.parse(run.outputs.modules ?? 'null') as ModuleOutput[];
}

async function reportOf(run: ActionRun): Promise<Report> {
  return JSON.parse(await fsp.readFile(run.outputs.report ?? '', 'utf8')) as Report;
}

/** A whole action run (clone, pip install, verify) on a shared, loaded machine: generous, never asserted on. */
const ACTION_TIMEOUT = 300_000;

const ALL_OUTPUTS = ['ok', 'cache-hit', 'cache-key', 'cache-matched-key', 'modules', 'report', 'locked'];

beforeAll(async () => {
  if (!existsSync(MAIN_BUNDLE) || !existsSync(POST_BUNDLE)) {
    throw new Error(`the action is not built (${MAIN_BUNDLE}): run \`npm run build\` first`);
  }
  root = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'am-action-e2e-')));
  workspace = join(root, 'ws');
  home = join(root, 'home');
  runnerTemp = join(root, 'runner-temp');
  await Promise.all([workspace, home, runnerTemp].map((dir) => fsp.mkdir(dir, { recursive: true })));
  venv = await createVenv(root);
  service = await startCacheService();
  const alpha = await moduleRepo('tool-alpha');
  const beta = await moduleRepo('tool-beta');
  await writeProfile(
    'ci',
    profile('ci', [
      { id: 'tool-alpha', source: alpha },
      { id: 'tool-beta', source: beta },
    ]),
  );
  await writeProfile('broken', profile('broken', [{ id: 'tool-alpha', source: alpha }, { id: 'tool-nowhere' }]));
});

afterAll(async () => {
  await service?.stop();
  if (root) await fsp.rm(root, { recursive: true, force: true });
});

describe('the bundled action with a cache service', () => {
  let coldKey = '';

  it(
    'cold: misses, fetches, installs, verifies, and post saves under the key main computed',
    async () => {
      const cold = await run(
        { profile: '.amplifier/profiles/ci.md', 'cache-key-prefix': 'e2e' },
        service.env(runnerTemp, workspace),
      );
      expect(cold.main.code, cold.main.stdout + cold.main.stderr).toBe(0);
      expect(Object.keys(cold.outputs).sort()).toEqual([...ALL_OUTPUTS].sort());
      expect(cold.outputs.ok).toBe('true');
      expect(cold.outputs['cache-hit']).toBe('false');
      expect(cold.outputs['cache-matched-key']).toBe('');
      coldKey = cold.outputs['cache-key'] ?? '';
      expect(coldKey).toMatch(/^e2e-[^-]+-[0-9a-f]{64}$/);
      expect(modulesOf(cold).map((m) => [m.id, m.status, m.commit])).toEqual([
        ['tool-alpha', 'ok', commits['tool-alpha']],
        ['tool-beta', 'ok', commits['tool-beta']],
      ]);
      const report = await reportOf(cold);
      expect(report.cache).toEqual({ key: coldKey, matchedKey: null, hit: 'miss' });
      expect(report.modules.every((m) => m.path?.startsWith(join(home, '.amplifier', 'cache')))).toBe(true);
      expect(cold.state['cache-key']).toBe(coldKey);
      expect(cold.summary).toContain('<details><summary>✅ 2 modules ok</summary>');
      expect(cold.summary).toContain('| Module | Kind | Layer | Source | Commit |');
      expect(cold.post?.code).toBe(0);
      expect(cold.post?.stdout).toContain(`Saved the module cache as ${coldKey}`);
      expect(service.entries.filter((entry) => entry.key === coldKey && entry.finalized)).toHaveLength(1);
    },
    ACTION_TIMEOUT,
  );

  it(
    'warm: restores the exact key into an empty module cache and saves nothing',
    async () => {
      expect(coldKey).not.toBe('');
      await fsp.rm(join(home, '.amplifier', 'cache'), { recursive: true, force: true });
      const warm = await run(
        { profile: '.amplifier/profiles/ci.md', 'cache-key-prefix': 'e2e' },
        service.env(runnerTemp, workspace),
      );
      expect(warm.main.code, warm.main.stdout + warm.main.stderr).toBe(0);
      expect(warm.outputs.ok).toBe('true');
      expect(warm.outputs['cache-hit']).toBe('true');
      expect(warm.outputs['cache-key']).toBe(coldKey);
      expect(warm.outputs['cache-matched-key']).toBe(coldKey);
      for (const module of modulesOf(warm)) expect(existsSync(module.path ?? '/nonexistent')).toBe(true);
      expect(warm.post?.stdout).toContain('exact hit');
      expect(service.calls.filter((call) => call.method === 'CreateCacheEntry')).toHaveLength(1);
      // Nothing was cloned: every checkout came out of the CI cache.
      expect((await reportOf(warm)).modules.map((m) => m.fetch?.origin)).toEqual(['ci-cache', 'ci-cache']);
    },
    ACTION_TIMEOUT,
  );

  it(
    'one module rotated: a partial hit restores the rest, fetches only the moved one, and post saves the new key',
    async () => {
      const betaDir = join(root, 'repos', 'amplifier-module-tool-beta');
      const moved = await commitFiles(betaDir, { 'CHANGELOG.md': 'next\n' }, 'next');
      await fsp.rm(join(home, '.amplifier', 'cache'), { recursive: true, force: true });
      const rotated = await run(
        { profile: '.amplifier/profiles/ci.md', 'cache-key-prefix': 'e2e' },
        service.env(runnerTemp, workspace),
      );
      expect(rotated.main.code, rotated.main.stdout + rotated.main.stderr).toBe(0);
      expect(rotated.outputs.ok).toBe('true');
      expect(rotated.outputs['cache-hit']).toBe('false');
      expect(rotated.outputs['cache-matched-key']).toBe(coldKey);
      const newKey = rotated.outputs['cache-key'] ?? '';
      expect(newKey).not.toBe(coldKey);
      const report = await reportOf(rotated);
      expect(report.cache.hit).toBe('partial');
      expect(report.modules.map((m) => [m.id, m.fetch?.origin, m.resolution.source?.commit])).toEqual([
        ['tool-alpha', 'ci-cache', commits['tool-alpha']],
        ['tool-beta', 'network', moved],
      ]);
      expect(rotated.post?.code).toBe(0);
      expect(service.entries.filter((entry) => entry.key === newKey && entry.finalized)).toHaveLength(1);
      commits['tool-beta'] = moved;
    },
    ACTION_TIMEOUT,
  );

  it(
    'a module nothing provides fails the step with an annotation at its declaring line; post saves what was fetched',
    async () => {
      const broken = await run(
        { profile: '.amplifier/profiles/broken.md', 'cache-key-prefix': 'e2e' },
        service.env(runnerTemp, workspace),
      );
      expect(broken.main.code).toBe(1);
      expect(broken.post?.stdout).toContain(`Saved the module cache as ${broken.outputs['cache-key']}.`);
      expect(broken.outputs.ok).toBe('false');
      expect(modulesOf(broken).map((m) => [m.id, m.status])).toEqual([
        ['tool-alpha', 'ok'],
        ['tool-nowhere', 'unresolved'],
      ]);
      const text = await fsp.readFile(join(workspace, '.amplifier', 'profiles', 'broken.md'), 'utf8');
      const declaringLine = text.split('\n').indexOf('  - module: tool-nowhere') + 1;
      const annotation = broken.commands.find((c) => c.command === 'error' && c.properties.file);
      expect(annotation?.properties).toMatchObject({
        file: '.amplifier/profiles/broken.md',
        line: String(declaringLine),
      });
      // One line: cause and fix; the layer trail is in the summary.
      expect(annotation?.message).toMatch(/^tool-nowhere could not be resolved by any layer(: .+)?\. Fix: .+$/);
      expect(annotation?.message).not.toContain('\n');
      expect(annotation?.message).not.toContain(workspace);
      expect(broken.summary).toContain('### ❌ `tool-nowhere` unresolved');
    },
    ACTION_TIMEOUT,
  );
});

describe('the bundled action when the cache is unreachable or off', () => {
  it(
    'an unreachable service is a warning and a fetch: the result is still right',
    async () => {
      await fsp.rm(join(home, '.amplifier', 'cache'), { recursive: true, force: true });
      const unreachable = {
        ...service.env(runnerTemp, workspace),
        ACTIONS_RESULTS_URL: await closedPortUrl(),
      };
      const result = await run({ profile: '.amplifier/profiles/ci.md', 'cache-key-prefix': 'e2e-down' }, unreachable);
      expect(result.main.code, result.main.stdout).toBe(0);
      expect(result.outputs.ok).toBe('true');
      expect(result.outputs['cache-hit']).toBe('false');
      expect(result.commands.filter((c) => c.command === 'warning')).toHaveLength(1);
      expect(modulesOf(result).every((m) => m.status === 'ok')).toBe(true);
      // Main said it once; post does not try again and adds no second warning.
      expect(result.post?.code).toBe(0);
      expect(result.post?.stdout).not.toMatch(/^::warning::/m);
      expect(result.post?.stdout).toContain('the cache service failed in the main step');
    },
    ACTION_TIMEOUT,
  );

  it(
    'without a cache service on the runner: one notice, caching skipped, no post-step save',
    async () => {
      const result = await run({ profile: '.amplifier/profiles/ci.md' });
      expect(result.main.code, result.main.stdout).toBe(0);
      expect(result.commands.filter((c) => c.command === 'notice')).toHaveLength(1);
      expect(result.outputs.ok).toBe('true');
      expect(result.outputs['cache-hit']).toBe('false');
      expect(result.state).toEqual({});
      expect((await reportOf(result)).cache.hit).toBe('unavailable');
      expect(result.post?.stdout).toContain('Not saving the module cache');
    },
    ACTION_TIMEOUT,
  );

  it(
    'cache: false never talks to the service',
    async () => {
      const before = service.calls.length;
      const result = await run(
        { profile: '.amplifier/profiles/ci.md', cache: 'false' },
        service.env(runnerTemp, workspace),
      );
      expect(result.main.code).toBe(0);
      expect(result.outputs['cache-hit']).toBe('false');
      expect((await reportOf(result)).cache).toEqual({ key: null, matchedKey: null, hit: 'off' });
      expect(service.calls.length).toBe(before);
    },
    ACTION_TIMEOUT,
  );
});

describe('the bundled action with session: true, offline', () => {
  const bundle = [
    '---',
    'bundle:',
    '  name: offline-session',
    '  version: 1.0.0',
    'tools:',
    '  - module: tool-local',
    '    source: ./modules/tool-local',
    '---',
    'A bundle.',
    '',
  ].join('\n');

  it(
    'skipped session parts are one warning, each listed once in the summary; strict: true fails the step',
    async () => {
      await fsp.mkdir(join(workspace, 'offline-session', 'modules', 'tool-local'), { recursive: true });
      await fsp.writeFile(join(workspace, 'offline-session', 'bundle.md'), bundle);
      const inputs = { command: 'resolve', profile: 'offline-session/bundle.md', session: 'true', offline: 'true' };
      const lenient = await run(inputs);
      expect(lenient.main.code, lenient.main.stdout).toBe(0);
      const warnings = lenient.commands.filter((c) => c.command === 'warning');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.properties.title).toMatch(/^amplifier-modules: \d include\(s\) skipped$/);
      expect(warnings[0]?.message).toContain('modes, ');
      expect(warnings[0]?.message).toContain('set strict: true');
      expect(warnings[0]?.properties.file).toBeUndefined();
      const report = await reportOf(lenient);
      for (const include of report.unresolvedIncludes) {
        expect(lenient.summary.split(include.uri)).toHaveLength(2);
      }

      const strict = await run({ ...inputs, strict: 'true' });
      expect(strict.main.code).toBe(1);
      expect(strict.outputs.ok).toBe('false');
      expect(strict.commands.filter((c) => c.command === 'warning')).toHaveLength(0);
      const errors = strict.commands.filter((c) => c.command === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toContain('skipped');
      expect(strict.summary).toMatch(/^## ❌ /m);
    },
    ACTION_TIMEOUT,
  );
});

describe('the bundled action with bad input', () => {
  it(
    'an unknown command fails clearly and still sets every output',
    async () => {
      const result = await run({ command: 'frobnicate' });
      expect(result.main.code).toBe(1);
      expect(result.post?.stdout).toContain('Not saving the module cache: no cache plan');
      expect(Object.keys(result.outputs).sort()).toEqual([...ALL_OUTPUTS].sort());
      expect(result.outputs.ok).toBe('false');
      expect(result.outputs.modules).toBe('[]');
      const failure = result.commands.find((c) => c.command === 'error');
      expect(failure?.message).toContain(
        "input 'command' must be one of verify, install, warm, resolve, not 'frobnicate'",
      );
      const report = await reportOf(result);
      expect(report.warnings[0]).toMatchObject({ code: 'usage' });
    },
    ACTION_TIMEOUT,
  );

  it(
    'a profile with broken YAML fails with an annotation at the bad line and every output set',
    async () => {
      const relative = await writeProfile(
        'bad-yaml',
        '---\nprofile:\n  name: bad\ntools:\n  - module: [unclosed\n---\n',
      );
      const result = await run({ profile: relative });
      expect(result.main.code).toBe(1);
      expect(result.outputs.ok).toBe('false');
      expect(result.outputs['cache-key']).toBe('');
      const report = await reportOf(result);
      const diagnostic = report.warnings[0];
      expect(diagnostic?.code).toBe('yaml-syntax');
      const annotation = result.commands.find((c) => c.command === 'error' && c.properties.file);
      expect(annotation?.properties.file).toBe(relative);
      expect(annotation?.properties.line).toBe(String(diagnostic?.line));
      expect(annotation?.properties.title).toBe('amplifier-modules: yaml-syntax');
      expect(annotation?.message).toMatch(new RegExp(`^${relative.replace(/\./g, '\\.')}:\\d+: .+\\. Fix: `));
      // One problem, one error: the annotation at the bad line is the step's failure.
      expect(result.commands.filter((c) => c.command === 'error')).toHaveLength(1);
      expect(result.summary).toMatch(/^## ❌ amplifier-modules verify failed/m);
    },
    ACTION_TIMEOUT,
  );

  it(
    'the token is masked and never printed',
    async () => {
      const token = 'ghp_0123456789abcdefghijABCDEFGHIJklmnop';
      const result = await run({ command: 'resolve', profile: '.amplifier/profiles/ci.md', 'github-token': token });
      expect(result.main.code).toBe(0);
      expect(result.commands.some((c) => c.command === 'add-mask' && c.message === token)).toBe(true);
      const everything = result.main.stdout.replace(`::add-mask::${token}`, '') + result.main.stderr + result.summary;
      expect(everything).not.toContain(token);
    },
    ACTION_TIMEOUT,
  );
});
