import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InputName, readActionInputs, tokenHost, toPipelineOptions } from '../../src/action/inputs.js';
import { InputError } from '../../src/errors.js';

let workspace: string;

beforeAll(async () => {
  workspace = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'am-inputs-')));
  await fsp.mkdir(join(workspace, '.amplifier', 'profiles'), { recursive: true });
  await fsp.writeFile(join(workspace, '.amplifier', 'profiles', 'dev.md'), '---\nprofile: {name: dev}\n---\n');
  await fsp.writeFile(join(workspace, '.amplifier', 'profiles', 'base.md'), '---\nprofile: {name: base}\n---\n');
});

afterAll(async () => {
  await fsp.rm(workspace, { recursive: true, force: true });
});

function reader(values: Partial<Record<InputName, string>>) {
  return (name: InputName) => values[name] ?? '';
}

const env = { GITHUB_WORKSPACE: '', HOME: '/home/runner' };

async function expectInputError(work: Promise<unknown>, message: RegExp, fix: RegExp): Promise<void> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).message).toMatch(message);
  expect((error as InputError).fix).toMatch(fix);
}

describe('readActionInputs', () => {
  it('uses the documented defaults', async () => {
    const inputs = await readActionInputs(reader({}), { ...env, GITHUB_WORKSPACE: workspace }, '/elsewhere');
    expect(inputs).toEqual({
      command: 'verify',
      profiles: [],
      workspace,
      home: '/home/runner/.amplifier',
      python: null,
      installer: 'auto',
      cache: true,
      cacheKeyPrefix: 'amplifier-modules',
      cacheMode: 'read-write',
      failOnCacheMiss: false,
      offline: false,
      session: false,
      strict: false,
      importCheck: false,
      token: null,
      lock: { frozen: false, lockFile: null, lockIfPresent: true },
    });
  });

  it('lock-file: a path makes the run frozen on that lock; none turns the default lock off', async () => {
    const read = (value: string) =>
      readActionInputs(reader({ 'lock-file': value }), { ...env, GITHUB_WORKSPACE: workspace }, '/elsewhere');
    expect((await read('ci/amplifier-modules.lock')).lock).toEqual({
      frozen: true,
      lockFile: join(workspace, 'ci', 'amplifier-modules.lock'),
      lockIfPresent: false,
    });
    expect((await read('none')).lock).toEqual({ frozen: false, lockFile: null, lockIfPresent: false });
  });

  it('resolves paths against the workspace and expands profile globs', async () => {
    const inputs = await readActionInputs(
      reader({
        command: 'warm',
        profile: '.amplifier/profiles/*.md\n\n# a comment\n.amplifier/profiles/dev.md\n',
        python: '.venv/bin/python',
        'amplifier-home': '~/custom-home',
        installer: 'pip',
        cache: 'false',
        'cache-key-prefix': 'mods',
        offline: 'true',
        session: 'true',
        'import-check': 'True',
      }),
      { ...env, GITHUB_WORKSPACE: workspace },
      '/elsewhere',
    );
    expect(inputs.profiles).toEqual([
      join(workspace, '.amplifier', 'profiles', 'base.md'),
      join(workspace, '.amplifier', 'profiles', 'dev.md'),
    ]);
    expect(inputs.python).toBe(join(workspace, '.venv', 'bin', 'python'));
    expect(inputs.home).toBe('/home/runner/custom-home');
    expect(inputs).toMatchObject({ command: 'warm', installer: 'pip', cache: false, cacheKeyPrefix: 'mods' });
    expect(inputs).toMatchObject({ offline: true, session: true, importCheck: true });
  });

  it('takes the workspace input relative to GITHUB_WORKSPACE and AMPLIFIER_HOME from the environment', async () => {
    const inputs = await readActionInputs(
      reader({ workspace: '.amplifier' }),
      { ...env, GITHUB_WORKSPACE: workspace, AMPLIFIER_HOME: '/opt/amp' },
      '/elsewhere',
    );
    expect(inputs.workspace).toBe(join(workspace, '.amplifier'));
    expect(inputs.home).toBe('/opt/amp');
  });

  it('falls back to the current directory without GITHUB_WORKSPACE', async () => {
    const inputs = await readActionInputs(reader({}), { HOME: '/h' }, workspace);
    expect(inputs.workspace).toBe(workspace);
  });

  it('rejects an unknown command with the list of commands', async () => {
    await expectInputError(
      readActionInputs(reader({ command: 'doctor' }), env, workspace),
      /^input 'command' must be one of verify, install, warm, resolve, not 'doctor'$/,
      /set command: verify\|install\|warm\|resolve/,
    );
  });

  it('rejects bad booleans, installers and cache key prefixes', async () => {
    await expectInputError(
      readActionInputs(reader({ cache: 'yes' }), env, workspace),
      /'cache' must be true or false/,
      /cache: true/,
    );
    await expectInputError(
      readActionInputs(reader({ installer: 'conda' }), env, workspace),
      /'installer' must be one of auto, uv, pip/,
      /installer:/,
    );
    await expectInputError(
      readActionInputs(reader({ 'cache-key-prefix': 'a,b' }), env, workspace),
      /'cache-key-prefix' must be at most 400 characters without commas/,
      /cache-key-prefix: amplifier-modules/,
    );
  });

  it('fails a glob that matches nothing, naming the pattern', async () => {
    await expectInputError(
      readActionInputs(reader({ profile: 'profiles/*.yaml' }), { ...env, GITHUB_WORKSPACE: workspace }, '/'),
      /the profile pattern 'profiles\/\*\.yaml' matched no file/,
      /profile:/,
    );
  });

  it('sends the token only to the server the workflow runs on', async () => {
    const inputs = await readActionInputs(
      reader({ 'github-token': 'ghs_token' }),
      { ...env, GITHUB_SERVER_URL: 'https://ghe.example.com' },
      workspace,
    );
    expect(inputs.token).toEqual({ host: 'ghe.example.com', value: 'ghs_token' });
    expect(tokenHost({})).toBe('github.com');
    expect(tokenHost({ GITHUB_SERVER_URL: 'not a url' })).toBe('github.com');
  });
});

describe('toPipelineOptions', () => {
  it('maps every input and fixes what the action does not offer', async () => {
    const inputs = await readActionInputs(
      reader({ command: 'install', offline: 'true', session: 'true', 'github-token': 'tok-1234' }),
      { ...env, GITHUB_WORKSPACE: workspace },
      '/',
    );
    expect(toPipelineOptions(inputs)).toEqual({
      command: 'install',
      profiles: [],
      workspace,
      namespaces: [],
      strict: false,
      home: '/home/runner/.amplifier',
      python: null,
      installer: 'auto',
      installerArgs: [],
      install: true,
      fix: false,
      dryRun: false,
      retentionDays: null,
      purge: false,
      pruneIncludes: false,
      offline: true,
      session: true,
      importCheck: false,
      reinstall: false,
      token: { host: 'github.com', value: 'tok-1234' },
      locked: false,
      frozen: false,
      lockFile: null,
      lockIfPresent: true,
      update: false,
      moduleIds: [],
      cacheKeyPrefix: 'amplifier-modules',
      cache: true,
      cacheMode: 'read-write',
      failOnCacheMiss: false,
    });
  });
});
