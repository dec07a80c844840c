/**
 * A locked run never moves a clone another environment installed from (real git, real venvs, the built CLI): after
 * the branch moved, `install --frozen` checks the locked commit out in the cache directory of url@<commit> and
 * installs from there, leaving the ref's clone where the plain run put it; the plain run that moved the ref's clone
 * said which environments follow it. prune keeps the commit's directory while the lock names it.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeExec } from '../../src/ports/node-exec.js';
import { layoutARepoDir } from '../../src/source/cache-layout.js';
import { commitFiles, git, makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';
import { describeRun, profileText } from '../hostile/refusal.js';

const MODULE = 'amplifier-module-tool-shared';
const PACKAGE = 'amplifier_module_tool_shared';
const PYPROJECT = [
  '[build-system]',
  'requires = ["setuptools"]',
  'build-backend = "setuptools.build_meta"',
  '[project]',
  `name = "${MODULE}"`,
  'version = "0.1.0"',
  '',
].join('\n');
const INSTALLER = ['--installer', 'pip', ...OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`)];
const PIP_ENV = { PIP_DISABLE_PIP_VERSION_CHECK: '1' };

let sb: Sandbox;
let repo: TestRepo;
let first: TestVenv;
let second: TestVenv;
let locked = '';
let moved = '';
const refDir = (): string => layoutARepoDir(sb.amplifierHome, { url: repo.url, ref: 'main' });
const commitDir = (): string => layoutARepoDir(sb.amplifierHome, { url: repo.url, ref: locked });

async function importedFrom(venv: TestVenv): Promise<string> {
  const run = await nodeExec.run(venv.python, ['-c', `import ${PACKAGE}; print(${PACKAGE}.__file__)`]);
  return run.stdout.trim();
}

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  repo = await makeModuleRepo(join(sb.root, 'repos'), MODULE, { 'pyproject.toml': PYPROJECT });
  locked = repo.commit;
  await sb.write(
    'p.md',
    profileText('profile: {name: p}', 'tools:', `  - {module: tool-shared, source: "git+${repo.url}@main"}`),
  );
  await mkdir(join(sb.root, 'envs'), { recursive: true });
  first = await createVenv(join(sb.root, 'envs', 'first'));
  second = await createVenv(join(sb.root, 'envs', 'second'));
});
afterAll(async () => {
  await sb.cleanup();
});

describe('a locked run and the shared clone of a branch', () => {
  it('a plain run that moves the ref clone names the environments installed from it', async () => {
    const lock = sb.run(['lock', '-p', 'p.md']);
    expect(lock.code, describeRun(lock)).toBe(0);
    const install = sb.run(['install', '-p', 'p.md', '--python', first.python, ...INSTALLER], { env: PIP_ENV });
    expect(install.code, describeRun(install)).toBe(0);
    moved = await commitFiles(repo.path, { 'CHANGES.md': 'moved on\n' }, 'moved');
    const again = sb.run(['install', '-p', 'p.md', '--python', first.python, ...INSTALLER], { env: PIP_ENV });
    expect(again.code, describeRun(again)).toBe(0);
    expect(again.stdout).toContain(`moved to ${moved.slice(0, 12)}`);
    expect(again.stdout).toContain(`installed from by ${first.dir}`);
    expect(await git(refDir(), ['rev-parse', 'HEAD'])).toBe(moved);
  });

  it('install --frozen uses url@<locked commit> and leaves the ref clone as it is', async () => {
    const run = sb.run(['install', '--frozen', '-p', 'p.md', '--python', second.python, ...INSTALLER], {
      env: PIP_ENV,
    });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain(`locked at ${locked.slice(0, 12)}; the branch is at ${moved.slice(0, 12)} now`);
    expect(run.stdout).not.toContain('moved to');
    expect(await git(refDir(), ['rev-parse', 'HEAD'])).toBe(moved);
    expect(await git(commitDir(), ['rev-parse', 'HEAD'])).toBe(locked);
    expect(await importedFrom(second)).toBe(join(commitDir(), PACKAGE, '__init__.py'));
    expect(await importedFrom(first)).toBe(join(refDir(), PACKAGE, '__init__.py'));
    // The locked run's report names where it installed from.
    const json = sb.run([
      'verify',
      '--frozen',
      '--no-install',
      '-p',
      'p.md',
      '--python',
      second.python,
      '--format',
      'json',
    ]);
    expect(json.code, describeRun(json)).toBe(0);
    expect(JSON.parse(json.stdout).modules[0].path).toBe(commitDir());
  });

  it('prune keeps the commit directory the lock names; warm --frozen --offline still works', async () => {
    const bystander = await createVenv(join(sb.root, 'envs', 'bystander'));
    const run = sb.run(['prune', '-p', 'p.md', '--python', bystander.python]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(existsSync(commitDir())).toBe(true);
    expect(existsSync(refDir())).toBe(true);
    const offline = sb.run(['warm', '--frozen', '--offline', '-p', 'p.md']);
    expect(offline.code, describeRun(offline)).toBe(0);
    expect(await git(refDir(), ['rev-parse', 'HEAD'])).toBe(moved);
  });
});
