/**
 * `prune` never deletes what anything uses (real git, real venvs, real `pip install -e`, the built CLI): every
 * environment that installed from the cache is checked, not only this run's; any installed pointer into a clone
 * counts whatever its metadata says; bundle-include clones are kept; a lock makes prune wait for a running warm; and
 * `warm` never reuses a clone with a tracked file missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { CLI } from '../helpers/run-cli.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';
import { describeRun, profileText } from '../hostile/refusal.js';

const PYPROJECT = (name: string): string =>
  [
    '[build-system]',
    'requires = ["setuptools"]',
    'build-backend = "setuptools.build_meta"',
    '[project]',
    `name = "${name}"`,
    'version = "0.1.0"',
    '',
  ].join('\n');

let sb: Sandbox;
let repo: TestRepo;
let venvOne: TestVenv;
let venvTwo: TestVenv;
/** A workspace with no declarations: prune there has only environments to go by. */
let bare = '';
const cache = (): string => join(sb.amplifierHome, 'cache');
const INSTALLER = ['--installer', 'pip', ...OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`)];
const PIP_ENV = { PIP_DISABLE_PIP_VERSION_CHECK: '1' };

async function clones(): Promise<string[]> {
  return (await readdir(cache()).catch(() => [] as string[])).filter((name) => !name.startsWith('.'));
}

/** What prune moved into its quarantine: `<entry>/<clone name>` for each. */
async function quarantined(): Promise<string[]> {
  const root = join(cache(), '.quarantine');
  const out: string[] = [];
  for (const entry of await readdir(root).catch(() => [] as string[])) {
    for (const name of await readdir(join(root, entry))) if (name !== 'quarantined.json') out.push(name);
  }
  return out.sort();
}

async function installInto(venv: TestVenv): Promise<string> {
  const run = sb.run(['install', '-p', 'p.md', '--python', venv.python, ...INSTALLER], { env: PIP_ENV });
  expect(run.code, describeRun(run)).toBe(0);
  const clone = (await clones()).find((name) => name.startsWith('amplifier-module-tool-used-'));
  expect(clone).toBeDefined();
  return join(cache(), clone ?? '');
}

function pruneFrom(workspace: string, python: string) {
  return sb.run(['prune', '--workspace', workspace, '--python', python]);
}

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  repo = await makeModuleRepo(join(sb.root, 'repos'), 'amplifier-module-tool-used', {
    'pyproject.toml': PYPROJECT('amplifier-module-tool-used'),
  });
  await sb.write(
    'p.md',
    profileText('profile: {name: p}', 'tools:', '  - module: tool-used', `    source: git+${repo.url}@main`),
  );
  venvOne = await createVenv(join(sb.root, 'one'));
  venvTwo = await createVenv(join(sb.root, 'two'));
  bare = join(sb.root, 'bare');
  await mkdir(bare, { recursive: true });
});
afterAll(async () => {
  await sb.cleanup();
});

describe('prune checks every environment that uses the cache', () => {
  it('keeps a clone another recorded environment imports; once that environment is deleted, quarantines it', async () => {
    const clone = await installInto(venvOne);
    const kept = pruneFrom(bare, venvTwo.python);
    expect(kept.code, describeRun(kept)).toBe(0);
    expect(existsSync(join(clone, 'amplifier_module_tool_used', '__init__.py'))).toBe(true);
    await rm(join(sb.root, 'one'), { recursive: true, force: true });
    const gone = pruneFrom(bare, venvTwo.python);
    expect(gone.code, describeRun(gone)).toBe(0);
    expect(gone.stdout).toContain(`forgetting ${venvOne.dir}`);
    expect(existsSync(clone)).toBe(false);
    expect(await clones()).toEqual([]);
    // Moved, not deleted: an environment prune never saw may still point into it.
    expect(await quarantined()).toEqual([basename(clone)]);
  });

  it.each([
    ['missing', null],
    ['truncated', '{"url": "file:///'],
  ])('a .pth into a clone counts as a use when direct_url.json is %s', async (_what, content) => {
    const clone = await installInto(venvTwo);
    const site = join(venvTwo.dir, 'lib', (await readdir(join(venvTwo.dir, 'lib')))[0] ?? '', 'site-packages');
    const distInfo = (await readdir(site)).find((name) => /^amplifier_module_tool_used-.*\.dist-info$/.test(name));
    expect(distInfo).toBeDefined();
    const directUrl = join(site, distInfo ?? '', 'direct_url.json');
    if (content === null) await rm(directUrl);
    else await writeFile(directUrl, content);
    const run = pruneFrom(bare, venvTwo.python);
    expect(run.code, describeRun(run)).toBe(0);
    expect(existsSync(join(clone, 'amplifier_module_tool_used', '__init__.py'))).toBe(true);
    expect(run.stdout).toContain('quarantined 0');
  });
});

describe('prune keeps the clones of bundle includes', () => {
  it('an include clone the declarations read is kept', async () => {
    const shared = await makeModuleRepo(join(sb.root, 'repos'), 'amplifier-bundle-behaviors');
    await commitFiles(shared.path, {
      'behaviors/extra.yaml': [
        'bundle: {name: extra, version: 1.0.0}',
        'tools:',
        `  - {module: tool-used, source: "git+${repo.url}@main"}`,
      ].join('\n'),
    });
    await sb.write(
      'bundle.yaml',
      [
        'bundle: {name: app, version: 1.0.0}',
        'includes:',
        `  - bundle: "git+${shared.url}@main#subdirectory=behaviors/extra.yaml"`,
        '',
      ].join('\n'),
    );
    const warm = sb.run(['warm', '-p', 'bundle.yaml']);
    expect(warm.code, describeRun(warm)).toBe(0);
    const before = await clones();
    expect(before.some((name) => name.startsWith('amplifier-bundle-behaviors-'))).toBe(true);
    const run = sb.run(['prune', '-p', 'bundle.yaml', '--python', venvTwo.python]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(await clones()).toEqual(before);
  });
});

describe('prune and warm share a lock', () => {
  const locks = (): string => join(sb.amplifierHome, 'amplifier-modules', 'locks');
  const unused = (): string => join(cache(), 'amplifier-module-tool-unused-0123456789abcdef');

  function startPrune(): { child: ChildProcess; output: () => string; done: Promise<number | null> } {
    const child = spawn(process.execPath, [CLI, 'prune', '--workspace', bare, '--python', venvTwo.python], {
      cwd: bare,
      env: { PATH: join(sb.root, 'bin'), HOME: sb.userHome, AMPLIFIER_HOME: sb.amplifierHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    return { child, output: () => output, done: new Promise((resolve) => child.on('close', resolve)) };
  }

  it('prune waits while a live warm holds the cache, then quarantines what is unused', async () => {
    await mkdir(join(unused(), '.git'), { recursive: true });
    await mkdir(locks(), { recursive: true });
    // This test process stands in for a warm in progress: its pid is alive for as long as the test runs.
    const holder = join(locks(), `shared-${process.pid}-abcdef12`);
    await writeFile(holder, `${process.pid}\n`);
    const prune = startPrune();
    while (!prune.output().includes('waiting for the module cache')) {
      await new Promise((resume) => setTimeout(resume, 50));
    }
    expect(existsSync(unused())).toBe(true);
    await rm(holder);
    expect(await prune.done, prune.output()).toBe(0);
    expect(existsSync(unused())).toBe(false);
    expect(await readdir(locks())).toEqual([]);
  });

  it('a lock left by a process that is gone is stale and does not block', async () => {
    await mkdir(join(unused(), '.git'), { recursive: true });
    const dead = spawn('/bin/true');
    await new Promise((resolve) => dead.on('close', resolve));
    await writeFile(join(locks(), `exclusive-${dead.pid}-abcdef12`), `${dead.pid}\n`);
    const run = pruneFrom(bare, venvTwo.python);
    expect(run.code, describeRun(run)).toBe(0);
    expect(existsSync(unused())).toBe(false);
    expect(await readdir(locks())).toEqual([]);
  });
});

describe('warm never trusts an incomplete clone', () => {
  it('a clone whose package directory was deleted is fetched again', async () => {
    const first = sb.run(['warm', '-p', 'p.md']);
    expect(first.code, describeRun(first)).toBe(0);
    const clone = (await clones()).find((name) => name.startsWith('amplifier-module-tool-used-'));
    const pkg = join(cache(), clone ?? '', 'amplifier_module_tool_used');
    await rm(pkg, { recursive: true });
    const second = sb.run(['warm', '-p', 'p.md']);
    expect(second.code, describeRun(second)).toBe(0);
    expect(existsSync(join(pkg, '__init__.py'))).toBe(true);
  });
});
