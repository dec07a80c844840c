/**
 * A bundle that includes another bundle from a git repository: the offline `resolve` lists the include as
 * unresolved (nothing fetched yet), `warm` fetches it into the module cache and composes its modules, and a later
 * `resolve` reads it from the cache.
 */
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { commitFiles, makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { runBuiltCli } from '../helpers/run-cli.js';

let root: string;
let home: string;
let bundle: string;
let shared: TestRepo;
let includeUri: string;

function run(command: string) {
  const result = runBuiltCli([command, '--profile', bundle, '--home', home, '--workspace', root, '--format', 'json'], {
    env: { VIRTUAL_ENV: undefined },
  });
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-include-'));
  home = join(root, 'home');
  shared = await makeModuleRepo(join(root, 'repos'), 'amplifier-bundle-shared');
  await commitFiles(shared.path, {
    'behaviors/logging.yaml': [
      'bundle: {name: shared-logging, version: 1.0.0}',
      'hooks:',
      `  - {module: hooks-shared, source: "git+${shared.url}@main#subdirectory=modules/hooks-shared"}`,
    ].join('\n'),
    'modules/hooks-shared/pyproject.toml': '[project]\nname = "amplifier-module-hooks-shared"\nversion = "1.0.0"\n',
  });
  includeUri = `git+${shared.url}@main#subdirectory=behaviors/logging.yaml`;
  bundle = join(root, 'bundle.yaml');
  await writeFile(
    bundle,
    [
      'bundle: {name: app, version: 1.0.0}',
      'includes:',
      `  - bundle: "${includeUri}"`,
      'tools:',
      '  - {module: tool-local, source: ./tool-local}',
    ].join('\n'),
  );
  await writeFile(join(root, 'tool-local.py'), '');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('no usable environment is bad input said before any include is fetched', () => {
  it.each([
    ['missing', async () => join(root, 'no-such', 'python')],
    [
      'not Python',
      async () => {
        const fake = join(root, 'fake-bin', 'python');
        await mkdir(join(root, 'fake-bin'), { recursive: true });
        await writeFile(fake, '#!/bin/sh\necho "I am no interpreter" >&2\nexit 1\n');
        await chmod(fake, 0o755);
        return fake;
      },
    ],
    // No --python, no $VIRTUAL_ENV, no <workspace>/.venv: python3 on PATH is not a choice.
    ['no virtual environment', async () => null],
  ])('%s: exit 2, nothing cloned', async (what, make) => {
    const python = await make();
    const emptyHome = join(root, `home-bad-python-${what.replaceAll(' ', '-')}`);
    const result = runBuiltCli(
      [
        'verify',
        '--profile',
        bundle,
        '--home',
        emptyHome,
        '--workspace',
        root,
        ...(python === null ? [] : ['--python', python]),
      ],
      { env: { VIRTUAL_ENV: undefined } },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(python === null ? 'error[no-environment]' : `--python ${python}`);
    const cached = (await readdir(join(emptyHome, 'cache')).catch(() => [])).filter((n) => !n.startsWith('.'));
    expect(cached).toEqual([]);
  });
});

describe('bundle with a git include (built CLI)', () => {
  it('resolve (offline) lists the include as unresolved and composes without it', () => {
    const { report } = run('resolve');
    expect(report.unresolvedIncludes.map((u) => u.uri)).toEqual([includeUri]);
    expect(report.modules.map((m) => m.id)).toEqual(['tool-local']);
  });

  it('warm fetches the include and composes its modules (tools before hooks, as the mount plan orders them)', () => {
    const { report } = run('warm');
    expect(report.unresolvedIncludes).toEqual([]);
    expect(report.modules.map((m) => m.id)).toEqual(['tool-local', 'hooks-shared']);
    expect(report.modules[1]?.resolution.source?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('resolve then reads the include from the module cache', () => {
    const { report } = run('resolve');
    expect(report.unresolvedIncludes).toEqual([]);
    expect(report.modules.map((m) => m.id)).toEqual(['tool-local', 'hooks-shared']);
  });
});
