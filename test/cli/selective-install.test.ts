/**
 * install and verify reinstall only what needs it, through the built CLI against a real venv: three modules from
 * git repositories, then each reason to reinstall in turn (the seed rotation, a changed pyproject.toml, a rebuilt
 * environment, an unreadable install record, --reinstall), each touching exactly the modules it should.
 */
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { layoutAPath } from '../../src/source/cache-layout.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';

const IDS = ['tool-alpha', 'tool-beta', 'tool-gamma'] as const;
let root: string;
let home: string;
let profile: string;
let venv: TestVenv;
const refs = new Map<string, string>(IDS.map((id) => [id, 'v1']));
const installerArgs = OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`);

const repoOf = (id: string) => join(root, 'repos', `amplifier-module-${id}`);
const dirOf = (id: string, ref: string) => layoutAPath(home, { url: `file://${repoOf(id)}`, ref, subdirectory: null });

async function declare(): Promise<void> {
  const tools = IDS.map((id) => `  - module: ${id}\n    source: git+file://${repoOf(id)}@${refs.get(id)}\n`).join('');
  await writeFile(profile, `---\nprofile: {name: ci}\ntools:\n${tools}---\n`);
}

function cli(...args: string[]): { code: number | null; report: Report; stderr: string } {
  const run = runBuiltCli(
    [...args, '--format', 'json', '--profile', profile, '--home', home, '--python', venv.python, '--workspace', root],
    { env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
  );
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

/** id -> reason for the modules the run installed. */
function installed(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const module of report.modules) if (module.install?.installed) out[module.id] = module.install.reason;
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-selective-'));
  home = join(root, 'home');
  profile = join(root, 'profile.md');
  for (const [index, id] of IDS.entries()) {
    await mkdir(repoOf(id), { recursive: true });
    await writeModuleProject(repoOf(id), { id, backend: index === 1 ? 'setuptools-flat' : 'hatchling' });
    await git(repoOf(id), ['init', '--quiet', '--initial-branch=main']);
    await commitFiles(repoOf(id), {}, 'first');
    await git(repoOf(id), ['tag', 'v1']);
    await commitFiles(repoOf(id), { 'CHANGELOG.md': 'second\n' }, 'second');
    await git(repoOf(id), ['tag', 'v2']);
  }
  await declare();
  venv = await createVenv(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('install and verify reinstall only what needs it', () => {
  it('installs every module the first time, as new', () => {
    const run = cli('install', ...installerArgs);
    expect(run.code).toBe(0);
    expect(installed(run.report)).toEqual({ 'tool-alpha': 'new', 'tool-beta': 'new', 'tool-gamma': 'new' });
  });

  it('with nothing changed, verify installs nothing and never starts the installer', () => {
    // An installer argument pip rejects: were pip started, the run would fail.
    const run = cli('verify', '--installer-arg=--no-such-pip-option');
    expect(run.code).toBe(0);
    expect(installed(run.report)).toEqual({});
    expect(run.report.modules.map((m) => m.install)).toEqual(
      IDS.map(() => ({ installed: false, reason: 'up to date' })),
    );
  });

  it('after the seed rotation (new hash directory, old one deleted), exactly the rotated module is reinstalled', async () => {
    refs.set('tool-beta', 'v2');
    await declare();
    await rm(dirOf('tool-beta', 'v1'), { recursive: true, force: true });
    const run = cli('verify', ...installerArgs);
    expect(run.code).toBe(0);
    const from = dirOf('tool-beta', 'v1').slice(-16);
    const to = dirOf('tool-beta', 'v2').slice(-16);
    expect(installed(run.report)).toEqual({ 'tool-beta': `moved from hash ${from} to ${to}` });
    expect(run.report.modules.every((m) => m.status === 'ok')).toBe(true);
  });

  it('a changed pyproject.toml reinstalls that module only', async () => {
    await appendFile(join(dirOf('tool-alpha', 'v1'), 'pyproject.toml'), '\n# a comment changes the fingerprint\n');
    const run = cli('verify', ...installerArgs);
    expect(run.code).toBe(0);
    expect(installed(run.report)).toEqual({ 'tool-alpha': 'pyproject.toml changed' });
  });

  it('an unreadable install record reinstalls everything', async () => {
    const dir = join(home, 'amplifier-modules', 'install-state');
    const [file] = await readdir(dir);
    await writeFile(join(dir, file ?? 'missing.json'), '{ not json');
    const run = cli('install', ...installerArgs);
    expect(run.code).toBe(0);
    expect(Object.values(installed(run.report))).toEqual(IDS.map(() => 'install record unreadable'));
  });

  it('an environment rebuilt under the same path reinstalls everything', async () => {
    await rm(venv.dir, { recursive: true, force: true });
    venv = await createVenv(root);
    const run = cli('verify', ...installerArgs);
    expect(run.code).toBe(0);
    expect(Object.values(installed(run.report))).toEqual(
      IDS.map(() => 'the environment was rebuilt since the last install'),
    );
  });

  it('--reinstall installs every module again', () => {
    const run = cli('install', '--reinstall', ...installerArgs);
    expect(run.code).toBe(0);
    expect(Object.values(installed(run.report))).toEqual(IDS.map(() => '--reinstall'));
  });

  it('the text summary counts what was installed and what was left alone; --verbose times each phase', () => {
    const run = runBuiltCli(
      ['verify', '--verbose', '--profile', profile, '--home', home, '--python', venv.python, '--workspace', root],
      { env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^verify: 3 ok, 0 failed; installed 0, 3 up to date in \S+$/m);
    // --verbose times each phase; nothing was installed, so nothing was audited twice.
    const phases = [...`${run.stdout}${run.stderr}`.matchAll(/timing: (.+) \d+ ms$/gm)].map((m) => m[1]);
    expect(phases).toEqual([
      'resolve',
      'pin and fetch',
      'audit before install',
      'install of 0',
      'audit of what was installed',
    ]);
  });

  it('through a wrapper, with nothing changed, verify and verify --no-install each start Python twice: where it lives, then one probe of every module', async () => {
    // A wrapper in front of the venv's interpreter (as a pyenv shim is) logs every start of Python.
    const log = join(root, 'python-starts.log');
    const wrapper = join(root, 'bin', 'python-logged');
    await mkdir(join(root, 'bin'), { recursive: true });
    await writeFile(wrapper, `#!/bin/sh\necho "$1 $2" >> '${log}'\nexec '${venv.python}' "$@"\n`, { mode: 0o755 });
    const starts = async (): Promise<string[]> => (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    const run = (...args: string[]) => {
      const ran = runBuiltCli(
        [...args, '--format', 'json', '--profile', profile, '--home', home, '--python', wrapper, '--workspace', root],
        { env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
      );
      expect(ran.code, ran.stderr).toBe(0);
      return JSON.parse(ran.stdout) as Report;
    };
    // The install record is kept per interpreter that really runs: the wrapper leads to the venv's interpreter, whose
    // record the runs before wrote, so nothing is reinstalled.
    for (const args of [
      ['verify', ...installerArgs],
      ['verify', '--no-install'],
    ]) {
      await rm(log, { force: true });
      const report = run(...args);
      expect(report.modules.map((m) => m.status)).toEqual(['ok', 'ok', 'ok']);
      expect(installed(report)).toEqual({});
      // The environment stage asks where the interpreter lives (-I -c); the audit asks about all three modules in one
      // probe (-I -B: it must not write bytecode into a clone). Nothing per module.
      expect(await starts(), args.join(' ')).toEqual(['-I -c', '-I -B']);
    }
  });
});
