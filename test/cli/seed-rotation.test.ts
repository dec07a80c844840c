/**
 * The bug of seeds/000 end to end, through the built CLI as a user runs it: a module installed editable from its
 * content-hashed cache directory, the cache rotates to a new hash directory, the old one is deleted. `verify` must
 * fail naming the module, the missing path and the new one; `doctor --fix` must repair it; `verify` must pass.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { layoutAPath } from '../../src/source/cache-layout.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';

let root: string;
let home: string;
let repo: string;
let profile: string;
let venv: TestVenv;
const installerArgs = OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`);

async function declare(ref: string): Promise<void> {
  await writeFile(
    profile,
    `---\nprofile: {name: ci}\nproviders:\n  - module: provider-copilot\n    source: git+file://${repo}@${ref}\n---\n`,
  );
}

function cli(...args: string[]) {
  return runBuiltCli([...args, '--profile', profile, '--home', home, '--python', venv.python, '--workspace', root], {
    env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' },
  });
}

function json(run: { stdout: string }): Report {
  return JSON.parse(run.stdout) as Report;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-seed-'));
  home = join(root, 'home');
  repo = join(root, 'repos', 'amplifier-module-provider-copilot');
  profile = join(root, 'profile.md');
  await mkdir(repo, { recursive: true });
  // hatchling, as the real modules build: its editable .pth holds the resolved cache directory.
  await writeModuleProject(repo, { id: 'provider-copilot', backend: 'hatchling', version: '2.1.1' });
  await git(repo, ['init', '--quiet', '--initial-branch=main']);
  await commitFiles(repo, {}, 'v2.1.1');
  await git(repo, ['tag', 'v1']);
  await commitFiles(repo, { 'CHANGELOG.md': '2.2.0\n' }, 'v2.2.0');
  await git(repo, ['tag', 'v2']);
  venv = await createVenv(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('seeds/000: a rotated cache directory leaves a dangling editable', () => {
  const oldDir = () => layoutAPath(home, { url: `file://${repo}`, ref: 'v1', subdirectory: null });
  const newDir = () => layoutAPath(home, { url: `file://${repo}`, ref: 'v2', subdirectory: null });

  it('installs from the layout-A cache directory and verifies ok', async () => {
    await declare('v1');
    const install = cli('install', ...installerArgs);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    const verify = cli('verify', '--no-install', '--format', 'json');
    expect(verify.code).toBe(0);
    const report = json(verify);
    expect(report.modules[0]).toMatchObject({ id: 'provider-copilot', status: 'ok', path: oldDir() });
    expect(report.modules[0]?.resolution.source?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('after the rotation, verify reports the install as stale (old directory still there)', async () => {
    await declare('v2');
    expect(cli('warm').code).toBe(0);
    expect(existsSync(newDir())).toBe(true);
    const verify = cli('verify', '--no-install', '--format', 'json');
    expect(verify.code).toBe(1);
    const module = json(verify).modules[0];
    expect(module?.status).toBe('stale');
    expect(module?.findings.map((f) => f.code)).toContain('installed-from-other-dir');
  });

  it('once the old directory is deleted, verify exits 1 naming the module, the missing path and the new one', async () => {
    await rm(oldDir(), { recursive: true, force: true });
    const verify = cli('verify', '--no-install');
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/^dangling\s+provider-copilot/m);
    expect(verify.stdout).toContain(oldDir());
    expect(verify.stdout).toContain(newDir());
    expect(verify.stdout).toMatch(/fix: .*-e .*/);
  });

  it('doctor --fix reinstalls it from the new directory, and verify passes again', async () => {
    const doctor = cli('doctor', '--fix', ...installerArgs, '--format', 'json');
    expect(doctor.code).toBe(0);
    expect(json(doctor).modules.find((m) => m.id === 'provider-copilot')).toMatchObject({
      status: 'ok',
      path: newDir(),
    });
    const verify = cli('verify', '--no-install');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^ok\s+provider-copilot/m);
  });

  it('prune lists and then quarantines a clone nothing references, never the one the editable install points into', async () => {
    const stray = join(home, 'cache', 'amplifier-module-provider-copilot-0123456789abcdef');
    await mkdir(join(stray, '.git'), { recursive: true });
    const dry = cli('prune', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`would move ${stray}`);
    expect(dry.stdout).not.toContain(`would move ${newDir()}`);
    expect(existsSync(stray)).toBe(true);
    const real = cli('prune', '--format', 'json');
    expect(real.code).toBe(0);
    expect(json(real).prune?.removed).toEqual([stray]);
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(newDir())).toBe(true);
  });
});
