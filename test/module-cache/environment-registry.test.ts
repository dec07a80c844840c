/**
 * The registry of environments that install from the module cache (what prune checks before deleting a clone): a
 * run records its environment, and a run with nothing new to record writes nothing. Real files.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegistry, registerEnvironment, registryDir } from '../../src/module-cache/environment-registry.js';
import { nodeFileSystem } from '../../src/ports/node-fs.js';
import { BASE_PYTHON } from '../helpers/venv.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'am-registry-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('the environment registry', () => {
  it('records an environment once; recording it again leaves the file as it was', async () => {
    const environment = { python: BASE_PYTHON, prefix: '/usr' };
    await registerEnvironment(nodeFileSystem, home, environment);
    const [name] = await readdir(registryDir(home));
    const file = join(registryDir(home), name ?? 'missing');
    const before = await stat(file);
    await new Promise((resume) => setTimeout(resume, 20));
    await registerEnvironment(nodeFileSystem, home, environment);
    const after = await stat(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await readdir(registryDir(home))).toEqual([name]);
    expect((await readRegistry(nodeFileSystem, home, true)).live).toEqual([environment]);
  });

  it('rewrites the record when the same environment is reached through another interpreter path', async () => {
    const [name] = await readdir(registryDir(home));
    const before = await stat(join(registryDir(home), name ?? 'missing'));
    const moved = { python: '/usr/bin/python3.11', prefix: '/usr' };
    expect(moved.python).not.toBe(BASE_PYTHON);
    await registerEnvironment(nodeFileSystem, home, moved);
    const after = await stat(join(registryDir(home), name ?? 'missing'));
    expect(after.ino).not.toBe(before.ino);
    expect((await readRegistry(nodeFileSystem, home, true)).live).toEqual([moved]);
  });
});
