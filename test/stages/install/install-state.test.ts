/**
 * The pieces behind "reinstall only what needs it": Amplifier's fingerprint of the build files, the install record
 * (its environment identity, an unparsable file, the atomic write) and the decision for each module.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installReason } from '../../../src/commands/module-run/install-plan.js';
import { nodeFileSystem as fs } from '../../../src/ports/node-fs.js';
import type { PythonEnvironment } from '../../../src/python/locate.js';
import type { ModuleAudit } from '../../../src/stages/audit/audit-modules.js';
import { fingerprintOf } from '../../../src/stages/install/fingerprint.js';
import {
  type InstallState,
  installStateFile,
  loadInstallState,
  recordInstall,
  saveInstallState,
} from '../../../src/stages/install/install-records.js';

let root: string;
let environment: PythonEnvironment;

const okAudit: ModuleAudit = {
  status: 'ok',
  findings: [],
  installedFrom: null,
  distribution: 'amplifier-module-tool-x',
  importName: 'amplifier_module_tool_x',
  origin: null,
  reinstallFrom: null,
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-install-state-'));
  const prefix = join(root, 'venv');
  await mkdir(join(prefix, 'bin'), { recursive: true });
  await writeFile(join(prefix, 'pyvenv.cfg'), 'home = /usr/bin\n');
  await symlink('/usr/bin/python3', join(prefix, 'bin', 'python'));
  environment = { python: join(prefix, 'bin', 'python'), prefix, sitePackages: [], isVenv: true };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function project(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}

describe("the build-metadata fingerprint (Amplifier's install state)", () => {
  it('hashes each present file name then its bytes, pyproject.toml before requirements.txt', async () => {
    const dir = await project('both', { 'pyproject.toml': '[project]\nname = "x"\n', 'requirements.txt': 'rich\n' });
    const expected = createHash('sha256')
      .update('pyproject.toml')
      .update('[project]\nname = "x"\n')
      .update('requirements.txt')
      .update('rich\n')
      .digest('hex');
    const fingerprint = await fingerprintOf(fs, dir);
    expect(fingerprint).toMatchObject({ ok: true, value: { combined: `sha256:${expected}` } });
  });

  it('is "none" without either file', async () => {
    expect(await fingerprintOf(fs, await project('setup-py-only', { 'setup.py': '' }))).toEqual({
      ok: true,
      value: { combined: 'none', files: {} },
    });
  });

  it('is unknown when a build file exists but cannot be read, and such a module is reinstalled', async () => {
    const dir = await project('unreadable', {});
    await mkdir(join(dir, 'pyproject.toml'));
    const fingerprint = await fingerprintOf(fs, dir);
    expect(fingerprint).toEqual({ ok: false, error: 'pyproject.toml cannot be read (ENOTREGULAR)' });
    const state = await loadInstallState(fs, join(root, 'home-unreadable'), environment);
    expect(installReason({ path: dir, audit: okAudit, fingerprint }, state, false)).toBe(
      'metadata unreadable: pyproject.toml cannot be read (ENOTREGULAR)',
    );
  });
});

describe('the install record', () => {
  it('round-trips through an atomic write, leaving no temporary file', async () => {
    const home = join(root, 'home-roundtrip');
    const dir = await project('roundtrip', { 'pyproject.toml': 'a' });
    const state = await loadInstallState(fs, home, environment);
    expect(state.lost).toBe('none-yet');
    recordInstall(state, dir, await fingerprintOf(fs, dir));
    await saveInstallState(fs, state);
    const again: InstallState = await loadInstallState(fs, home, environment);
    expect(again.lost).toBeNull();
    expect(installReason({ path: dir, audit: okAudit, fingerprint: await fingerprintOf(fs, dir) }, again, false)).toBe(
      null,
    );
    const file = installStateFile(home, environment.python);
    expect(await readdir(join(file, '..'))).toEqual([file.split('/').pop()]);
    await writeFile(join(dir, 'pyproject.toml'), 'b');
    expect(installReason({ path: dir, audit: okAudit, fingerprint: await fingerprintOf(fs, dir) }, again, false)).toBe(
      'pyproject.toml changed',
    );
  });

  it('is dropped when the interpreter link was recreated (an environment rebuilt under the same path)', async () => {
    const home = join(root, 'home-rebuilt');
    const state = await loadInstallState(fs, home, environment);
    await saveInstallState(fs, state);
    expect((await loadInstallState(fs, home, environment)).lost).toBeNull();
    await rm(environment.python);
    await symlink('/usr/bin/python3', environment.python);
    const later = new Date(Date.now() + 5_000);
    await utimes(join(environment.prefix, 'pyvenv.cfg'), later, later);
    expect((await loadInstallState(fs, home, environment)).lost).toBe('environment-rebuilt');
  });

  it('counts as no record when it cannot be parsed', async () => {
    const home = join(root, 'home-corrupt');
    const file = installStateFile(home, environment.python);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, '{"version": 1, "modules": ');
    const state = await loadInstallState(fs, home, environment);
    expect(state.lost).toBe('unreadable');
    expect(
      installReason(
        { path: '/x', audit: okAudit, fingerprint: { ok: true, value: { combined: 'none', files: {} } } },
        state,
        false,
      ),
    ).toBe('install record unreadable');
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "modules": ');
  });
});

describe('the decision for one module', () => {
  const fingerprint = { ok: true, value: { combined: 'none', files: {} } } as const;
  it('reinstalls a module the audit finds missing, dangling or installed elsewhere, naming why', async () => {
    const state = await loadInstallState(fs, join(root, 'home-decide'), environment);
    const missing: ModuleAudit = {
      ...okAudit,
      status: 'not-installed',
      findings: [{ code: 'not-installed', message: 'no distribution' }],
    };
    expect(installReason({ path: '/c/x', audit: missing, fingerprint }, state, false)).toBe('new');
    const cache = join(root, 'home', 'cache');
    const stale: ModuleAudit = {
      ...okAudit,
      status: 'stale',
      installedFrom: join(cache, 'amplifier-module-tool-x-0123456789abcdef'),
      findings: [{ code: 'installed-from-other-dir', message: 'elsewhere' }],
    };
    const path = join(cache, 'amplifier-module-tool-x-fedcba9876543210');
    expect(installReason({ path, audit: stale, fingerprint }, state, false)).toBe(
      'moved from hash 0123456789abcdef to fedcba9876543210',
    );
    expect(installReason({ path, audit: okAudit, fingerprint }, state, true)).toBe('--reinstall');
  });
});
