import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { nodeFileSystem as fs } from '../../src/ports/node-fs.js';
import { choosePython } from '../../src/python/choose-python.js';
import { distNameFromEntry, listDistributionNames, normalizeDistName } from '../../src/python/dist-names.js';
import { locateEnvironment } from '../../src/python/locate.js';

let root: string;

async function touch(path: string, text = ''): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-env-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('locateEnvironment', () => {
  it('reads a venv from pyvenv.cfg and adds the base site directories only when asked to', async () => {
    const base = join(root, 'base');
    await touch(join(base, 'bin', 'python3.12'));
    await mkdir(join(base, 'lib', 'python3.12', 'site-packages'), { recursive: true });
    const venv = join(root, 'venv');
    const python = await touch(join(venv, 'bin', 'python'));
    await mkdir(join(venv, 'lib', 'python3.12', 'site-packages'), { recursive: true });
    await symlink('lib', join(venv, 'lib64'));
    await touch(
      join(venv, 'pyvenv.cfg'),
      `home = ${join(base, 'bin')}\ninclude-system-site-packages = false\nversion = 3.12.4\n`,
    );
    const isolated = await locateEnvironment(python, fs);
    expect(isolated).toEqual({
      python,
      prefix: venv,
      sitePackages: [join(venv, 'lib', 'python3.12', 'site-packages')],
      isVenv: true,
    });
    await touch(
      join(venv, 'pyvenv.cfg'),
      `home = ${join(base, 'bin')}\ninclude-system-site-packages = true\nversion = 3.12.4\n`,
    );
    const withSystem = await locateEnvironment(python, fs);
    expect(withSystem.sitePackages).toEqual([
      join(venv, 'lib', 'python3.12', 'site-packages'),
      join(base, 'lib', 'python3.12', 'site-packages'),
    ]);
  });

  it('treats an interpreter without pyvenv.cfg as a base installation at the parent of bin/', async () => {
    const prefix = join(root, 'opt-python');
    const python = await touch(join(prefix, 'bin', 'python3'));
    await mkdir(join(prefix, 'lib', 'python3.11', 'site-packages'), { recursive: true });
    const env = await locateEnvironment(python, fs);
    expect(env.isVenv).toBe(false);
    expect(env.prefix).toBe(prefix);
    expect(env.sitePackages).toEqual([join(prefix, 'lib', 'python3.11', 'site-packages')]);
  });

  it('lists every distribution kind by its PEP 503 name', async () => {
    const site = join(root, 'listing', 'lib', 'python3.12', 'site-packages');
    await mkdir(join(site, 'Amplifier_Module.Tool_Bash-1.0.dist-info'), { recursive: true });
    await mkdir(join(site, 'legacy_pkg-2.0-py3.12.egg-info'), { recursive: true });
    await touch(join(site, 'Old.Project.egg-link'), '/x\n.');
    await mkdir(join(site, 'not_a_dist'), { recursive: true });
    const names = await listDistributionNames({ python: '', prefix: '', sitePackages: [site], isVenv: false }, fs);
    expect([...names].sort()).toEqual(['amplifier-module-tool-bash', 'legacy-pkg', 'old-project']);
  });

  it('normalises names as PEP 503 says', () => {
    expect(normalizeDistName('Amplifier__Module.-tool_BASH')).toBe('amplifier-module-tool-bash');
    expect(distNameFromEntry('foo_bar-1.2.3.dist-info')).toBe('foo_bar');
    expect(distNameFromEntry('foo_bar.egg-info')).toBe('foo_bar');
    expect(distNameFromEntry('foo.pth')).toBeNull();
  });
});

describe('choosePython', () => {
  const ws = () => join(root, 'ws');

  it('prefers --python, then $VIRTUAL_ENV, then <workspace>/.venv, and never a python3 on PATH', async () => {
    const pathDir = join(root, 'path-bin');
    const onPath = await touch(join(pathDir, 'python3'));
    const active = join(root, 'active');
    const activePython = await touch(join(active, 'bin', 'python'));
    const explicit = await touch(join(root, 'explicit', 'bin', 'python'));
    const env = { PATH: pathDir, VIRTUAL_ENV: active };
    expect(await choosePython({ explicit, env, workspace: ws(), fs })).toBe(explicit);
    expect(await choosePython({ explicit: null, env, workspace: ws(), fs })).toBe(activePython);
    const wsPython = await touch(join(ws(), '.venv', 'bin', 'python'));
    expect(await choosePython({ explicit: null, env: { PATH: pathDir }, workspace: ws(), fs })).toBe(wsPython);
    await rm(join(ws(), '.venv'), { recursive: true });
    // A global interpreter is used only when --python names it; a bare name is looked up on PATH.
    await expect(choosePython({ explicit: null, env: { PATH: pathDir }, workspace: ws(), fs })).rejects.toMatchObject({
      code: 'no-environment',
    });
    expect(await choosePython({ explicit: 'python3', env: { PATH: pathDir }, workspace: ws(), fs })).toBe(onPath);
  });

  it('falls back to the Amplifier uv tool venv, last, only for doctor and session runs', async () => {
    const tools = join(root, 'uv-tools');
    const toolPython = await touch(join(tools, 'amplifier', 'bin', 'python'));
    const active = join(root, 'active2');
    const activePython = await touch(join(active, 'bin', 'python'));
    for (const purpose of ['doctor', 'session'] as const) {
      const env = { UV_TOOL_DIR: tools, PATH: '' };
      expect(await choosePython({ explicit: null, env, workspace: ws(), fs, purpose })).toBe(toolPython);
      const withVenv = { ...env, VIRTUAL_ENV: active };
      expect(await choosePython({ explicit: null, env: withVenv, workspace: ws(), fs, purpose })).toBe(activePython);
    }
    const error = await choosePython({ explicit: null, env: { UV_TOOL_DIR: tools }, workspace: ws(), fs }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).fix).toContain('--python PATH');
    expect((error as InputError).fix).toContain(join(ws(), '.venv'));
    const home = join(root, 'home');
    const defaultTool = await touch(join(home, '.local', 'share', 'uv', 'tools', 'amplifier', 'bin', 'python'));
    expect(await choosePython({ explicit: null, env: { HOME: home }, workspace: ws(), fs, purpose: 'doctor' })).toBe(
      defaultTool,
    );
  });

  it('fails clearly when the interpreter does not exist', async () => {
    await expect(
      choosePython({ explicit: join(root, 'nope', 'python'), env: {}, workspace: ws(), fs }),
    ).rejects.toBeInstanceOf(InputError);
    await expect(choosePython({ explicit: null, env: { PATH: '' }, workspace: ws(), fs })).rejects.toBeInstanceOf(
      InputError,
    );
  });
});
