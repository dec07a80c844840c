/**
 * Files a fetched repository commits, or a tampered module cache holds, are never followed or opened blocking: a
 * symlink committed under the cache metadata file's name, a FIFO as `.git`, as the metadata file or as
 * `pyproject.toml`; and path includes of a bundle fetched from git never leave its clone. Real git, the built CLI.
 */
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutARepoDir } from '../../src/source/cache-layout.js';
import { commitFiles, makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeRun, profileText } from './refusal.js';

const META = '.amplifier_cache_meta.json';
let sb: Sandbox;
let linked: TestRepo;
let plain: TestRepo;
let bundles: TestRepo;

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

async function profileFor(name: string, repo: TestRepo): Promise<void> {
  await sb.write(
    `${name}.md`,
    profileText('profile: {name: p}', 'tools:', `  - module: ${name}`, `    source: git+${repo.url}@main`),
  );
}

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  await sb.write(join(sb.outside, 'victim.json'), 'precious\n');
  await sb.write(
    join(sb.outside, 'bundle.yaml'),
    'bundle: {name: outside}\ntools:\n  - {module: tool-outside, source: ./evil}\n',
  );
  linked = await makeModuleRepo(join(sb.root, 'repos'), 'linked-meta');
  await symlink(join(sb.outside, 'victim.json'), join(linked.path, META));
  await commitFiles(linked.path, {}, 'commit a symlink named like the cache metadata');
  plain = await makeModuleRepo(join(sb.root, 'repos'), 'plain-repo');
  const climb = `${'../'.repeat(12)}${sb.outside.slice(1)}/bundle.yaml`;
  bundles = await makeModuleRepo(join(sb.root, 'repos'), 'bundle-repo', {
    'climbs.yaml': `bundle: {name: climbs}\nincludes:\n  - ${climb}\n`,
    'absolute.yaml': `bundle: {name: absolute}\nincludes:\n  - ${join(sb.outside, 'bundle.yaml')}\n`,
    'fileurl.yaml': `bundle: {name: fileurl}\nincludes:\n  - file://${join(sb.outside, 'bundle.yaml')}\n`,
    'inside.yaml': 'bundle: {name: inside}\nincludes:\n  - ./child.yaml\n',
    'child.yaml': `bundle: {name: child}\ntools:\n  - {module: tool-inside, source: git+${plain.url}@main}\n`,
  });
});
afterAll(async () => {
  await sb.cleanup();
});

describe('the cache metadata file', () => {
  it('committed as a symlink to a file outside: replaced, the outside file untouched', async () => {
    await profileFor('linked', linked);
    const run = await sb.runAsync(['warm', '-p', 'linked.md']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(await readFile(join(sb.outside, 'victim.json'), 'utf8')).toBe('precious\n');
    const meta = join(layoutARepoDir(sb.amplifierHome, { url: linked.url, ref: 'main' }), META);
    expect((await lstat(meta)).isFile()).toBe(true);
    expect(JSON.parse(await readFile(meta, 'utf8'))).toMatchObject({ ref: 'main' });
  });

  it('a FIFO in its place in a cached clone: warm neither blocks nor opens it', async () => {
    await profileFor('plain', plain);
    const first = await sb.runAsync(['warm', '-p', 'plain.md']);
    expect(first.code, describeRun(first)).toBe(0);
    const meta = join(layoutARepoDir(sb.amplifierHome, { url: plain.url, ref: 'main' }), META);
    await rm(meta);
    mkfifo(meta);
    const run = await sb.runAsync(['warm', '-p', 'plain.md']);
    expect(run.code, describeRun(run)).toBe(0);
    const audit = await sb.runAsync(['resolve', '-p', 'plain.md']);
    expect(audit.code, describeRun(audit)).toBe(0);
  });
});

describe('FIFOs where a clone has files', () => {
  for (const name of ['.git', 'pyproject.toml']) {
    it(`a FIFO as ${name} of a cached clone: warm replaces the clone instead of blocking`, async () => {
      const dir = layoutARepoDir(sb.amplifierHome, { url: plain.url, ref: 'main' });
      await rm(dir, { recursive: true, force: true });
      await mkdir(join(dir, '.git'), { recursive: true });
      await sb.write(join(dir, 'setup.py'), '');
      await rm(join(dir, name), { recursive: true, force: true });
      mkfifo(join(dir, name));
      await profileFor('plain', plain);
      const run = await sb.runAsync(['warm', '-p', 'plain.md', '--format', 'json']);
      expect(run.code, describeRun(run)).toBe(0);
      expect((await lstat(join(dir, '.git'))).isDirectory()).toBe(true);
      expect((await lstat(join(dir, 'pyproject.toml'))).isFile()).toBe(true);
    });
  }
});

describe('path includes of a bundle fetched from git', () => {
  async function resolveGitBundle(file: string): Promise<{ ids: string[]; reasons: string[] }> {
    await sb.write(
      `${file}.yaml`,
      `bundle: {name: top}\nincludes:\n  - git+${bundles.url}@main#subdirectory=${file}.yaml\n`,
    );
    const run = await sb.runAsync(['warm', '-p', `${file}.yaml`, '--format', 'json']);
    const report = JSON.parse(run.stdout) as { modules: { id: string }[]; unresolvedIncludes: { reason: string }[] };
    return { ids: report.modules.map((m) => m.id), reasons: report.unresolvedIncludes.map((u) => u.reason) };
  }

  for (const [file, form] of [
    ['climbs', '../../../..'],
    ['absolute', 'an absolute path'],
    ['fileurl', 'a file:// URL'],
  ] as const) {
    it(`${form} out of the clone is refused; nothing outside is declared`, async () => {
      const { ids, reasons } = await resolveGitBundle(file);
      expect(ids).not.toContain('tool-outside');
      expect(reasons.join('\n')).toContain('leads outside the clone');
    });
  }

  it('a relative include staying inside the clone still works', async () => {
    const { ids, reasons } = await resolveGitBundle('inside');
    expect(reasons).toEqual([]);
    expect(ids).toContain('tool-inside');
  });
});
