/**
 * The interpreter a user really has, through the built CLI: a wrapper script in front of the real interpreter (what a
 * pyenv or asdf shim is), `--python NAME` looked up on PATH, a missing interpreter reported as a runtime failure with
 * its fix, and doctor saying which environment it audited and why.
 */
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { createVenv, pipInstallEditable, type TestVenv } from '../helpers/venv.js';

let root: string;
let workspace: string;
let shims: string;
let shim: string;
let venv: TestVenv;
let moduleDir: string;
let profile: string;
let emptyBin: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-interp-'));
  workspace = join(root, 'ws');
  shims = join(root, 'shims');
  emptyBin = join(root, 'empty-bin');
  for (const dir of [workspace, shims, emptyBin]) await mkdir(dir, { recursive: true });
  venv = await createVenv(root);
  moduleDir = join(root, 'mods', 'tool-wrapped');
  await writeModuleProject(moduleDir, { id: 'tool-wrapped', backend: 'setuptools-src' });
  await pipInstallEditable(venv, [moduleDir]);
  // A shim is a script that starts the real interpreter; its own directory holds no environment.
  shim = join(shims, 'python3');
  await writeFile(shim, `#!/bin/sh\nexec '${venv.python}' "$@"\n`);
  await chmod(shim, 0o755);
  // No source: only the package layer (the installed distribution) can resolve it.
  profile = join(workspace, 'profile.md');
  await writeFile(profile, '---\nprofile: {name: p}\ntools:\n  - module: tool-wrapped\n---\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function cli(args: readonly string[], env: Record<string, string | undefined> = {}) {
  return runBuiltCli([...args, '--workspace', workspace, '--home', join(root, 'home')], {
    cwd: workspace,
    env: { HOME: root, ...env },
  });
}

function report(run: { stdout: string }): Report {
  return JSON.parse(run.stdout) as Report;
}

describe('a wrapper script as --python', () => {
  it('resolves through the package layer of the environment the wrapper really runs', () => {
    const run = cli(['resolve', '-p', profile, '--python', shim, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const module = report(run).modules[0];
    expect(module?.resolution.layer).toBe('package');
    expect(module?.status).toBe('ok');
  });

  it('verify --no-install audits the editable in that environment', () => {
    const run = cli(['verify', '--no-install', '-p', profile, '--python', shim, '--format', 'json']);
    expect(run.code, run.stdout).toBe(0);
    expect(report(run).modules.map((m) => [m.id, m.status])).toEqual([['tool-wrapped', 'ok']]);
  });

  it('doctor sees the editable, says which environment it audited, and fails once its directory is gone', async () => {
    const healthy = cli(['doctor', '--python', shim]);
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(healthy.stdout).toContain(`environment: ${venv.dir}, python ${shim} (runs ${venv.python})`);
    expect(healthy.stdout).toContain('chosen as given with --python');
    expect(healthy.stdout).toContain('doctor: 1 editable install(s) ok, 0 failed');
    await rename(moduleDir, `${moduleDir}-moved`);
    try {
      const broken = cli(['doctor', '--python', shim, '--format', 'json']);
      expect(broken.code).toBe(1);
      const body = report(broken);
      expect(body.environment?.executable).toBe(venv.python);
      expect(body.modules.find((m) => m.id === 'tool-wrapped')?.status).toBe('dangling');
    } finally {
      await rename(`${moduleDir}-moved`, moduleDir);
    }
  });
});

describe('--python NAME', () => {
  it('is looked up on the PATH the run was given, not taken as a file in the working directory', () => {
    const run = cli(['resolve', '-p', profile, '--python', 'python3', '--format', 'json'], {
      PATH: `${shims}:${process.env.PATH ?? ''}`,
    });
    expect(run.code, run.stderr).toBe(0);
    const body = report(run);
    expect(body.python).toBe(shim);
    expect(body.modules[0]?.resolution.layer).toBe('package');
  });

  it('names the PATH lookup when nothing on PATH has that name', () => {
    const run = cli(['resolve', '-p', profile, '--python', 'python3'], { PATH: emptyBin });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--python python3: no such interpreter on PATH');
    expect(run.stderr).toContain('fix: ');
  });
});

describe('no interpreter at all', () => {
  it('verify with no virtual environment stops (exit 2) naming the choices, never installing into python3 on PATH', () => {
    const run = cli(['verify', '-p', profile], { PATH: `${shims}:${emptyBin}` });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error[no-environment]: no Python environment to use: looked at');
    expect(run.stderr).toContain(join(workspace, '.venv', 'bin', 'python'));
    expect(run.stderr).toMatch(/\n {2}fix: choose one of: pass --python PATH/);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stdout).toBe('');
  });

  it('doctor without any virtual environment names the Amplifier tool venv among the choices', () => {
    const run = cli(['doctor'], { PATH: shims });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(join(root, '.local', 'share', 'uv', 'tools', 'amplifier', 'bin', 'python'));
    expect(run.stderr).toContain('uv tool install');
    expect(run.stderr).not.toContain('internal error');
  });

  it('doctor on an active virtual environment audits it and says it is not the Amplifier tool venv', () => {
    const run = cli(['doctor'], { VIRTUAL_ENV: venv.dir });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('chosen as the active virtual environment ($VIRTUAL_ENV)');
    expect(run.stdout).toContain('warning: no Amplifier CLI tool venv was found');
  });
});
