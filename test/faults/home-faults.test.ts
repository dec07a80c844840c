/**
 * Faults of the machine are runtime failures with a fix (exit 3), never "internal error" (real file systems: a
 * read-only tmpfs as HOME, a module cache remounted read-only, the built CLI).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { CAN_MOUNT, mountTmpfs, unmount } from '../helpers/tmpfs.js';
import { profileText } from '../hostile/refusal.js';

let root: string;
let repo: TestRepo;
const mounts: string[] = [];

function cli(args: readonly string[], home: string) {
  return runBuiltCli([...args, '--workspace', join(root, 'ws')], {
    cwd: join(root, 'ws'),
    env: { PATH: '/usr/bin:/bin', HOME: home, AMPLIFIER_HOME: undefined, GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

async function readOnlyDir(name: string, prepare?: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  expect(mountTmpfs(dir, 'size=1m')).toBe(true);
  mounts.push(dir);
  await prepare?.(dir);
  expect(mountTmpfs(dir, 'remount,ro,size=1m')).toBe(true);
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-home-faults-'));
  repo = await makeModuleRepo(join(root, 'repos'), 'amplifier-module-tool-any');
  await mkdir(join(root, 'ws'), { recursive: true });
  await writeFile(
    join(root, 'ws', 'p.md'),
    profileText('profile: {name: p}', 'tools:', `  - {module: tool-any, source: "git+${repo.url}@main"}`),
  );
});
afterAll(async () => {
  for (const dir of mounts.reverse()) unmount(dir);
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(!CAN_MOUNT)('the machine, not the tool', () => {
  it('HOME on a read-only file system: warm and prune exit 3 with the fix, resolve still works', async () => {
    const home = await readOnlyDir('ro-home');
    for (const args of [['warm', '-p', 'p.md'], ['prune']]) {
      const run = cli(args, home);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain('error[home-unwritable]');
      expect(run.stderr).toContain('point --home / AMPLIFIER_HOME at a writable directory');
      expect(run.stderr).not.toContain('internal error');
    }
    expect(cli(['resolve', '-p', 'p.md'], home).code).toBe(0);
  });

  it('a read-only module cache: prune exits 3 naming the read-only file system', async () => {
    const home = await readOnlyDir('ro-cache', async (dir) => {
      await mkdir(join(dir, '.amplifier', 'cache', 'amplifier-module-tool-gone-0123456789abcdef', '.git'), {
        recursive: true,
      });
      await mkdir(join(dir, '.amplifier', 'amplifier-modules', 'locks'), { recursive: true });
    });
    const run = cli(['prune', '--format', 'json'], home);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('the file system is read-only');
    expect(run.stderr).not.toContain('internal error');
    expect(JSON.parse(run.stdout).error.code).toBe('home-unwritable');
  });
});
