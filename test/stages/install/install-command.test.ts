import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { nodeFileSystem as fs } from '../../../src/ports/node-fs.js';
import { buildInstallCommand, formatCommandLine } from '../../../src/stages/install/install-command.js';
import { selectInstaller } from '../../../src/stages/install/installer-choice.js';
import { blameOutput } from '../../../src/stages/install/installer-output.js';
import { parseTransport } from '../../../src/stages/install/module-transport.js';
import { parsePyproject } from '../../../src/stages/install/pyproject.js';

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

describe('failure attribution from installer output (shapes of real pip and uv output)', () => {
  const facts = (name: string, dependencies: string[] = []) =>
    parsePyproject(
      `[project]\nname = "${name}"\nversion = "1"\ndependencies = [${dependencies.map((d) => JSON.stringify(d)).join(', ')}]\n`,
    );
  const batch = [
    { dir: '/c/good', facts: facts('amplifier-module-good') },
    { dir: '/c/delegate', facts: facts('amplifier-module-tool-delegate', ['amplifier-core>=1.2.1']) },
    { dir: '/c/display', facts: facts('amplifier-module-hooks-todo-display', ['amplifier-core>=0.1.0']) },
    {
      dir: '/c/shell',
      facts: facts('amplifier-module-hook-shell', ['amplifier-core @ git+https://github.com/microsoft/amplifier-core']),
    },
    { dir: '/c/bad-sub/x', facts: facts('x') },
  ];
  const blamed = (output: string, installed: string[] = []) => {
    const blame = blameOutput(output, batch, new Set(installed));
    return blame.kind === 'projects' ? Object.fromEntries([...blame.blamed].map(([dir, b]) => [dir, b.cause])) : blame;
  };

  it('blames the project pip was obtaining when its own build failed', () => {
    const output = [
      'Obtaining file:///c/good',
      '  Preparing editable metadata (pyproject.toml): finished with status done',
      'Obtaining file:///c/bad-sub/x',
      '  Preparing editable metadata (pyproject.toml): finished with status error',
      '  error: subprocess-exited-with-error',
      '  ╰─> [2 lines of output]',
      "      error: invalid command 'bdist_wheel'",
      '      [end of output]',
      'error: metadata-generation-failed',
    ].join('\n');
    expect(blamed(output)).toEqual({ '/c/bad-sub/x': { kind: 'wheel-missing' } });
  });

  it('blames a missing runtime dependency on the distribution pip names, and on every requirer when the index has none and the environment lacks it', () => {
    const line =
      'ERROR: Could not find a version that satisfies the requirement amplifier-core>=1.2.1 (from amplifier-module-tool-delegate) (from versions: none)';
    expect(blamed(line)).toEqual({
      '/c/delegate': { kind: 'dependency-unavailable', requirement: 'amplifier-core>=1.2.1', name: 'amplifier-core' },
      // Its own requirement, not the one pip quoted; hook-shell names it by URL, so the index is not where it fails.
      '/c/display': { kind: 'dependency-unavailable', requirement: 'amplifier-core>=0.1.0', name: 'amplifier-core' },
    });
    // Installed (at a version that does not satisfy this one): only the named distribution is certain to fail.
    expect(Object.keys(blamed(line, ['amplifier-core']))).toEqual(['/c/delegate']);
  });

  it("blames a git dependency's failed build on the project that wants it, never on the last directory named", () => {
    const output = [
      'Obtaining file:///c/good',
      'Obtaining file:///c/shell',
      'Collecting amplifier-core@ git+https://github.com/microsoft/amplifier-core',
      '  Preparing metadata (pyproject.toml): started',
      'ERROR: Exception:',
      'pip._vendor.pyproject_hooks._impl.BackendUnavailable: Traceback (most recent call last):',
      "ModuleNotFoundError: No module named 'maturin'",
    ].join('\n');
    expect(blamed(output)).toEqual({
      '/c/shell': {
        kind: 'dependency-build-failed',
        dependency: 'amplifier-core',
        url: 'git+https://github.com/microsoft/amplifier-core',
        backend: 'maturin',
        detail: expect.stringContaining('maturin'),
      },
    });
  });

  it("blames the project uv names in its error line, not a prefix of another's path", () => {
    const output = '  × Failed to build `x @ file:///c/bad-sub/x`\n  ├─▶ The build backend returned an error';
    expect(Object.keys(blamed(output))).toEqual(['/c/bad-sub/x']);
  });

  it("names what conflicts when pip's resolver finds the batch's requirements irreconcilable", () => {
    const output = [
      'ERROR: Cannot install amplifier-module-good and amplifier-module-tool-delegate==1 because these package versions have conflicting dependencies.',
      '',
      'The conflict is caused by:',
      '    amplifier-module-good 1 depends on amplifier-core>=1.0.10',
      '    amplifier-module-tool-delegate 1 depends on amplifier-core>=1.5.3',
      '',
      'ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/',
    ].join('\n');
    const summary =
      'its requirements conflict: amplifier-module-good 1 depends on amplifier-core>=1.0.10; amplifier-module-tool-delegate 1 depends on amplifier-core>=1.5.3';
    expect(blamed(output)).toEqual({
      '/c/good': { kind: 'installer-failed', summary },
      '/c/delegate': { kind: 'installer-failed', summary },
    });
  });

  it('says the environment itself was refused (PEP 668), and blames nobody when the output names no project', () => {
    expect(blamed('error: externally-managed-environment\n× This environment is externally managed')).toEqual({
      kind: 'environment',
      cause: { kind: 'externally-managed' },
      excerpt: '',
    });
    expect(blamed('ERROR: something went wrong')).toEqual({});
  });
});
describe('amplifier.toml transport', () => {
  it('reads [module] transport and ignores other tables', () => {
    expect(parseTransport('[module]\nname = "x"\ntransport = "wasm"\n')).toBe('wasm');
    expect(parseTransport("[other]\ntransport = 'grpc'\n[module]\nname = 'x'\n")).toBeNull();
    expect(parseTransport("[module]\n  transport = 'rust'  # native\n")).toBe('rust');
  });
});
