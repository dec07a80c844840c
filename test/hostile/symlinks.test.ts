/**
 * Symlinks a hostile repository or a tampered module cache can hold: a `#subdirectory=` that is a symlink out of
 * the clone, a bundle include read through one, and cache directories that are symlinks to elsewhere. Real git
 * (recorded), real `git+file://` repositories; Python and the installers stay stand-ins that must never run.
 */
import { mkdir, readdir, readFile, readlink, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutARepoDir } from '../../src/source/cache-layout.js';
import { commitFiles, makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeRun, profileText } from './refusal.js';

let sb: Sandbox;
let repo: TestRepo;
const cacheDir = () => layoutARepoDir(sb.amplifierHome, { url: repo.url, ref: 'main' });

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  await sb.write(join(sb.outside, 'evil/pyproject.toml'), '[project]\nname = "evil"\nversion = "1"\n');
  await sb.write(join(sb.outside, 'evil/evil/__init__.py'), 'raise SystemExit("outside code ran")\n');
  await sb.write(
    join(sb.outside, 'bundle.yaml'),
    'bundle: {name: outside}\ntools:\n  - {module: tool-outside, source: ./evil}\n',
  );
  repo = await makeModuleRepo(join(sb.root, 'repos'), 'hostile-repo');
  await mkdir(join(repo.path, 'modules/inner'), { recursive: true });
  await symlink(join(sb.outside, 'evil'), join(repo.path, 'abs-escape'));
  await symlink('../../../../../outside/evil', join(repo.path, 'rel-escape'));
  await symlink(join(sb.outside, 'bundle.yaml'), join(repo.path, 'outside-bundle.yaml'));
  await symlink('modules/inner', join(repo.path, 'inner-link'));
  await commitFiles(repo.path, {
    'modules/inner/pyproject.toml': '[project]\nname = "inner"\nversion = "1"\n',
    'modules/inner/inner/__init__.py': '',
  });
});
afterAll(async () => {
  await sb.cleanup();
});

function source(subdirectory: string): string {
  return `git+${repo.url}@main#subdirectory=${subdirectory}`;
}

function onlyGitRan(lines: readonly string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line.startsWith('git '), line).toBe(true);
}

describe('#subdirectory= through a symlink committed in the repository', () => {
  it('an absolute symlink out of the clone fails the module and nothing outside is used', async () => {
    await sb.write(
      'abs.md',
      profileText('profile: {name: p}', 'tools:', '  - module: tool-evil', `    source: ${source('abs-escape')}`),
    );
    const before = await readdir(sb.outside, { recursive: true });
    const run = sb.run(['warm', '-p', 'abs.md', '--format', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    const report = JSON.parse(run.stdout) as {
      modules: { status: string; findings: { code: string; message: string }[] }[];
    };
    expect(report.modules[0]?.status).toBe('fetch-failed');
    expect(report.modules[0]?.findings[0]?.code).toBe('subdirectory-escapes');
    expect(report.modules[0]?.findings[0]?.message).toContain(join(sb.outside, 'evil'));
    onlyGitRan(await sb.spawned());
    expect(await readdir(sb.outside, { recursive: true })).toEqual(before);
  });

  it('a relative symlink climbing out of the clone is not used either', async () => {
    await sb.write(
      'rel.md',
      profileText('profile: {name: p}', 'tools:', '  - module: tool-evil', `    source: ${source('rel-escape')}`),
    );
    const run = sb.run(['warm', '-p', 'rel.md', '--format', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    const report = JSON.parse(run.stdout) as { modules: { status: string; findings: { code: string }[] }[] };
    expect(report.modules[0]?.status).toBe('fetch-failed');
    expect(['subdirectory-escapes', 'subdirectory-missing']).toContain(report.modules[0]?.findings[0]?.code);
  });

  it('a symlink that stays inside the clone is fine (the check does not over-block)', async () => {
    await sb.write(
      'inner.md',
      profileText('profile: {name: p}', 'tools:', '  - module: tool-inner', `    source: ${source('inner-link')}`),
    );
    const run = sb.run(['warm', '-p', 'inner.md']);
    expect(run.code, describeRun(run)).toBe(0);
  });

  it('a bundle include read through a symlink out of the clone is skipped, its modules not declared', async () => {
    const warmed = sb.run(['warm', '-p', 'inner.md']);
    expect(warmed.code, describeRun(warmed)).toBe(0);
    await sb.write('inc.yaml', `bundle: {name: b}\nincludes:\n  - ${source('outside-bundle.yaml')}\n`);
    const run = sb.run(['resolve', '-p', 'inc.yaml', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { modules: { id: string }[]; unresolvedIncludes: { reason: string }[] };
    expect(report.modules.map((m) => m.id)).not.toContain('tool-outside');
    expect(report.unresolvedIncludes[0]?.reason).toContain('symlink leading outside');
  });
});

describe('module cache directories that are symlinks to elsewhere', () => {
  it('warm replaces a planted symlink with a real clone and never writes through it', async () => {
    const target = join(sb.outside, 'planted');
    await sb.write(join(target, 'keep.txt'), 'precious');
    const dir = cacheDir();
    await sb.write(
      'plain.md',
      profileText('profile: {name: p}', 'tools:', '  - module: hostile-repo', `    source: git+${repo.url}@main`),
    );
    const clean = sb.run(['warm', '-p', 'plain.md']);
    expect(clean.code, describeRun(clean)).toBe(0);
    // Swap the clone for a symlink pointing outside the cache.
    await rm(dir, { recursive: true, force: true });
    await symlink(target, dir);
    const run = sb.run(['warm', '-p', 'plain.md']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(await readdir(target)).toEqual(['keep.txt']);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('precious');
    await expect(readlink(dir)).rejects.toThrow();
    expect(await readFile(join(dir, 'pyproject.toml'), 'utf8')).toContain('hostile-repo');
  });

  it('prune removes a stray symlink in the cache without touching what it points at', async () => {
    const target = join(sb.outside, 'pointed-at');
    await sb.write(join(target, 'keep.txt'), 'precious');
    const stray = join(sb.amplifierHome, 'cache', 'stray-0123456789abcdef');
    await symlink(target, stray);
    const run = sb.run(['prune', '--format', 'json']);
    expect([0, 1], describeRun(run)).toContain(run.code);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('precious');
    expect(await readdir(target)).toEqual(['keep.txt']);
  });
});
