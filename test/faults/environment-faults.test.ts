/**
 * Faults of the machine rather than the network: an installer that fails for one module of several (the others must
 * still be installed and reported ok), and a module cache on a full or read-only file system (clear failure, nothing
 * half-written, a later run on a healthy disk completes).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, makeModuleRepo } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { CAN_MOUNT, mountTmpfs, unmount } from '../helpers/tmpfs.js';
import { createVenv, OFFLINE_PIP_ARGS } from '../helpers/venv.js';
import { describeRun, profileText } from '../hostile/refusal.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
});
afterAll(async () => {
  await sb.cleanup();
});

interface ReportModule {
  readonly id: string;
  readonly status: string;
  readonly fix: string | null;
}

describe('an installer that fails for one module of many', () => {
  it('the broken module is install-failed with its reason; the others are installed and ok', async () => {
    const venv = await createVenv(sb.root);
    for (const id of ['tool-one', 'tool-two'])
      await writeModuleProject(join(sb.workspace, 'mods', id), { id, backend: 'setuptools-flat' });
    await sb.write('mods/tool-broken/pyproject.toml', '[build-system\nthis is not toml\n');
    await sb.write('mods/tool-broken/amplifier_module_tool_broken/__init__.py', '');
    const entries = ['tool-one', 'tool-broken', 'tool-two'].flatMap((id) => [
      `  - module: ${id}`,
      `    source: ./mods/${id}`,
    ]);
    await sb.write('many.md', profileText('profile: {name: p}', 'tools:', ...entries));
    const args = ['verify', '-p', 'many.md', '--python', venv.python, '--installer', 'pip', '--format', 'json'];
    const run = sb.run([...args, ...OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`)], {
      env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' },
    });
    expect(run.code, describeRun(run)).toBe(1);
    const report = JSON.parse(run.stdout) as { modules: ReportModule[] };
    const status = Object.fromEntries(report.modules.map((m) => [m.id, m.status]));
    expect(status).toEqual({ 'tool-one': 'ok', 'tool-broken': 'install-failed', 'tool-two': 'ok' });
    expect(report.modules.find((m) => m.id === 'tool-broken')?.fix).toContain('mods/tool-broken');
    const sitePackages = spawnSync(venv.python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], {
      encoding: 'utf8',
    }).stdout.trim();
    const installed = await readdir(sitePackages);
    expect(installed.some((name) => name.startsWith('amplifier_module_tool_one-'))).toBe(true);
    expect(installed.some((name) => name.startsWith('amplifier_module_tool_two-'))).toBe(true);
    expect(installed.some((name) => name.includes('tool_broken'))).toBe(false);
  });
});

describe('a module cache on a broken disk', () => {
  let repoSource = '';
  beforeAll(async () => {
    const repo = await makeModuleRepo(join(sb.root, 'repos'), 'amplifier-module-tool-heavy');
    await commitFiles(repo.path, { 'data/blob.bin': randomBytes(3 * 1024 * 1024).toString('base64') });
    repoSource = `git+${repo.url}@main`;
    await sb.write(
      'heavy.md',
      profileText('profile: {name: p}', 'tools:', '  - module: tool-heavy', `    source: ${repoSource}`),
    );
  });

  // Reported as skipped (not passed) where a tmpfs cannot be mounted, e.g. without root.
  it.skipIf(!CAN_MOUNT).each([
    ['full (a 1 MiB tmpfs)', 'size=1m'],
    ['read-only', 'ro,size=1m'],
  ])(
    '%s: the module fails with a clear reason, nothing half-written stays, a healthy disk then works',
    async (_what, options) => {
      const home = join(sb.root, `disk-${options.replace(/\W/g, '')}`);
      const cache = join(home, 'cache');
      await mkdir(cache, { recursive: true });
      expect(mountTmpfs(cache, options)).toBe(true);
      try {
        const run = sb.run(['warm', '-p', 'heavy.md', '--home', home, '--format', 'json']);
        expect(run.stderr).not.toContain('internal error');
        expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        if (run.code === 3) {
          // The machine's fault, found before or while fetching: a runtime failure that says what and how to fix it.
          expect(run.stderr).toMatch(/read-only|cannot be written|no space|disk is full/i);
          expect(run.stderr).toMatch(/fix:/);
        } else {
          expect(run.code, describeRun(run)).toBe(1);
          const report = JSON.parse(run.stdout) as { modules: (ReportModule & { findings: { message: string }[] })[] };
          expect(report.modules[0]?.status).toBe('fetch-failed');
          expect(report.modules[0]?.findings[0]?.message).toMatch(/No space left|Read-only file system|ENOSPC|EROFS/i);
        }
        expect((await readdir(cache)).filter((name) => !name.startsWith('.'))).toEqual([]);
      } finally {
        unmount(cache);
      }
      const healthy = sb.run(['warm', '-p', 'heavy.md', '--home', home]);
      expect(healthy.code, describeRun(healthy)).toBe(0);
      await rm(home, { recursive: true, force: true });
    },
  );
});
