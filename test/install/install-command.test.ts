import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { blameDirs } from '../../src/install/failure-attribution.js';
import { buildInstallCommand, formatCommandLine } from '../../src/install/install-command.js';
import { selectInstaller } from '../../src/install/installer-choice.js';
import { parseTransport } from '../../src/install/module-transport.js';
import { nodeFileSystem as fs } from '../../src/ports/node-fs.js';

let bin: string;

beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'am-bin-'));
  await mkdir(join(bin, 'with-uv'));
  await writeFile(join(bin, 'with-uv', 'uv'), '#!/bin/sh\n');
  await chmod(join(bin, 'with-uv', 'uv'), 0o755);
  await mkdir(join(bin, 'without-uv'));
});

afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});

describe('the installer command line', () => {
  it('is one uv call for every directory, with the Amplifier CLI flags and pass-through args', () => {
    const line = buildInstallCommand({
      installer: 'uv',
      uv: '/opt/uv/bin/uv',
      python: '/venv/bin/python',
      dirs: ['/c/a-0123456789abcdef', '/c/b dir'],
      extraArgs: ['--prerelease=allow'],
    });
    expect(line).toEqual({
      command: '/opt/uv/bin/uv',
      args: [
        'pip',
        'install',
        '--python',
        '/venv/bin/python',
        '--no-sources',
        '--prerelease=allow',
        '-e',
        '/c/a-0123456789abcdef',
        '-e',
        '/c/b dir',
      ],
    });
    expect(formatCommandLine(line)).toBe(
      "/opt/uv/bin/uv pip install --python /venv/bin/python --no-sources --prerelease=allow -e /c/a-0123456789abcdef -e '/c/b dir'",
    );
  });

  it('is the interpreter running pip otherwise', () => {
    const line = buildInstallCommand({ installer: 'pip', python: '/venv/bin/python', dirs: ['/c/a'], extraArgs: [] });
    expect(line).toEqual({ command: '/venv/bin/python', args: ['-m', 'pip', 'install', '-e', '/c/a'] });
  });
});

describe('installer selection', () => {
  it('takes uv from PATH on auto, pip when there is none', async () => {
    expect(await selectInstaller('auto', { PATH: join(bin, 'with-uv') }, fs, 'linux')).toEqual({
      installer: 'uv',
      uv: join(bin, 'with-uv', 'uv'),
    });
    expect(await selectInstaller('auto', { PATH: join(bin, 'without-uv') }, fs, 'linux')).toEqual({
      installer: 'pip',
      uv: null,
    });
  });

  it('honours --installer pip even with uv present, and refuses --installer uv without uv', async () => {
    expect((await selectInstaller('pip', { PATH: join(bin, 'with-uv') }, fs, 'linux')).installer).toBe('pip');
    await expect(selectInstaller('uv', { PATH: join(bin, 'without-uv') }, fs, 'linux')).rejects.toBeInstanceOf(
      InputError,
    );
  });
});

describe('failure attribution from installer output', () => {
  const dirs = ['/c/good', '/c/bad', '/c/bad-sub/x'];

  it('blames the project pip was obtaining when the error came', () => {
    const output = [
      'Obtaining file:///c/good',
      '  Preparing editable metadata (pyproject.toml): finished with status done',
      'Obtaining file:///c/bad',
      '  Preparing editable metadata (pyproject.toml): finished with status error',
      '  error: subprocess-exited-with-error',
      'error: metadata-generation-failed',
    ].join('\n');
    expect(blameDirs(output, dirs)).toEqual(['/c/bad']);
  });

  it("blames the project uv names in its error line, not a prefix of another's path", () => {
    const output = '  × Failed to build `x @ file:///c/bad-sub/x`\n  ├─▶ The build backend returned an error';
    expect(blameDirs(output, dirs)).toEqual(['/c/bad-sub/x']);
  });

  it('blames nobody when the output names no project', () => {
    expect(blameDirs('ERROR: No matching distribution found for amplifier-core', dirs)).toEqual([]);
  });
});

describe('amplifier.toml transport', () => {
  it('reads [module] transport and ignores other tables', () => {
    expect(parseTransport('[module]\nname = "x"\ntransport = "wasm"\n')).toBe('wasm');
    expect(parseTransport("[other]\ntransport = 'grpc'\n[module]\nname = 'x'\n")).toBeNull();
    expect(parseTransport("[module]\n  transport = 'rust'  # native\n")).toBe('rust');
  });
});
