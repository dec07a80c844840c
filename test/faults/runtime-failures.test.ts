/**
 * Runtime failures of the machine (no interpreter, an interpreter that answers garbage, a cache root that is a file,
 * a full disk under `--report`) have their own exit code, 3: distinct from a failed module (1), bad input (2) and a
 * bug in the tool (4). Each prints what went wrong, the program's own stderr where it matters, and the fix.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../helpers/run-cli.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { CAN_MOUNT, mountTmpfs, unmount } from '../helpers/tmpfs.js';
import { describeRun, profileText } from '../hostile/refusal.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await createSandbox({ tools: 'record' });
  await sb.write(
    'mods/tool-local/pyproject.toml',
    '[project]\nname = "amplifier-module-tool-local"\nversion = "0.1"\n',
  );
  await sb.write('mods/tool-local/amplifier_module_tool_local/__init__.py', '');
  await sb.write(
    'local.md',
    profileText('profile: {name: p}', 'tools:', '  - module: tool-local', '    source: ./mods/tool-local'),
  );
});
afterAll(async () => {
  await sb.cleanup();
});

function expectRuntimeFailure(run: CliRun, message: RegExp): void {
  expect(run.code, describeRun(run)).toBe(3);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toMatch(/^ {2}fix: .+/m);
  expect(run.stderr).not.toContain('internal error');
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

describe('runtime failures exit 3 with the reason and the fix', () => {
  it('an interpreter of an environment that answers garbage: its own stderr is shown', async () => {
    // Inside a Python environment's layout: a broken interpreter, not a file that is no Python at all.
    await sb.write('env-garbage/lib/python3.12/site-packages/placeholder.pth', '');
    const garbage = await sb.write(
      'env-garbage/bin/python',
      '#!/bin/sh\necho "this is not python"\necho "Fatal Python error: init_fs_encoding" >&2\nexit 0\n',
    );
    await chmod(garbage, 0o755);
    const run = sb.run(['verify', '--no-install', '-p', 'local.md', '--python', garbage]);
    expectRuntimeFailure(run, /did not answer the import probe/);
    expect(run.stderr).toContain('| Fatal Python error: init_fs_encoding');
  });

  it.each([
    ['the Amplifier home is a file', (home: string) => home],
    ['the module cache is a file', (home: string) => join(home, 'cache')],
  ])('%s', async (_what, fileAt) => {
    const home = join(sb.root, `home-${Math.random().toString(16).slice(2)}`);
    await mkdir(home, { recursive: true });
    const file = fileAt(home);
    if (file === home) rmSync(home, { recursive: true });
    await writeFile(file, 'not a directory\n');
    const run = sb.run(['warm', '-p', 'local.md', '--home', home]);
    expectRuntimeFailure(run, new RegExp(`^error\\[cache-unusable\\]: .*${file}.* is not a directory`, 'm'));
    expect(await readFile(file, 'utf8')).toBe('not a directory\n');
  });
});

describe('no usable interpreter is bad input (exit 2), said before anything is fetched', () => {
  it('no virtual environment anywhere: the choices are named, python3 on PATH is not one', async () => {
    const empty = join(sb.root, 'empty-bin');
    await mkdir(empty, { recursive: true });
    const run = sb.run(['verify', '-p', 'local.md'], { env: { PATH: `${empty}:${process.env.PATH ?? ''}` } });
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toMatch(/^error\[no-environment\]: no Python environment to use/m);
    expect(run.stderr).toMatch(/^ {2}fix: choose one of: pass --python PATH/m);
    expect(run.stderr).not.toContain('internal error');
  });

  it('a --python that is not Python at all: its own words are shown', async () => {
    const garbage = await sb.write(
      'bin-garbage/python',
      '#!/bin/sh\necho "this is not python"\necho "Fatal Python error: init_fs_encoding" >&2\nexit 0\n',
    );
    await chmod(garbage, 0o755);
    const run = sb.run(['verify', '--no-install', '-p', 'local.md', '--python', garbage]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(`error[not-python]: --python ${garbage} is not a Python interpreter`);
    expect(run.stderr).toContain('Fatal Python error: init_fs_encoding');
  });
});

describe('--report on a full disk', () => {
  it.skipIf(!CAN_MOUNT)('keeps the old report, leaves no temp file, still prints the run, exits 3', async () => {
    const disk = join(sb.root, 'full-disk');
    await mkdir(disk, { recursive: true });
    expect(mountTmpfs(disk, 'size=64k')).toBe(true);
    try {
      const report = join(disk, 'report.json');
      await writeFile(report, '{"old": true}\n');
      // Fill what is left: the filler write stops at ENOSPC.
      spawnSync('dd', ['if=/dev/zero', `of=${join(disk, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
      const run = sb.run(['resolve', '-p', 'local.md', '--report', report]);
      expectRuntimeFailure(run, /^error\[report-unwritable\]: could not write the report .*ENOSPC/m);
      expect(run.stdout).toContain('tool-local');
      expect(await readFile(report, 'utf8')).toBe('{"old": true}\n');
      expect((await readdir(disk)).sort()).toEqual(['filler', 'report.json']);
    } finally {
      unmount(disk);
    }
  });
});
