import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { layoutARepoDir } from '../../../src/source/cache-layout.js';
import { ensureCheckouts } from '../../../src/stages/fetch/ensure-checkouts.js';
import { pinRefs } from '../../../src/stages/fetch/pin.js';
import { commitFiles, git, makeModuleRepo, type TestRepo } from '../../helpers/git-repos.js';
import { fetchContext, type TestFetchContext, tempDir } from './fetch-test-context.js';

let repo: TestRepo;
let home: string;

async function warm(ctx: TestFetchContext, sources: readonly { url: string; ref: string }[]) {
  const pins = await pinRefs(sources, ctx);
  return ensureCheckouts(sources, pins, ctx);
}

async function headOf(dir: string): Promise<string> {
  return git(dir, ['rev-parse', 'HEAD']);
}

async function cacheEntries(): Promise<string[]> {
  return (await readdir(join(home, 'cache'))).sort();
}

beforeEach(async () => {
  repo = await makeModuleRepo(await tempDir('repos'), 'amplifier-module-tool-x', {
    'modules/a/pyproject.toml': '[project]\nname = "a"\n',
    'modules/b/pyproject.toml': '[project]\nname = "b"\n',
  });
  home = await tempDir('home');
});

describe('ensureCheckouts', () => {
  it('clones at the pinned commit into the layout-A path and writes the metadata', async () => {
    const ctx = fetchContext(home);
    const [outcome] = await warm(ctx, [{ url: repo.url, ref: 'main' }]);
    const dir = layoutARepoDir(home, { url: repo.url, ref: 'main' });
    expect(outcome).toMatchObject({ commit: repo.commit, dir, origin: 'network', error: null });
    expect(await headOf(dir)).toBe(repo.commit);
    const meta = JSON.parse(await readFile(join(dir, '.amplifier_cache_meta.json'), 'utf8'));
    expect(meta).toMatchObject({ ref: 'main', commit: repo.commit, git_url: repo.url });
    expect(Number.isNaN(Date.parse(meta.cached_at))).toBe(false);
    // Shallow: exactly one commit in the clone.
    expect(await git(dir, ['rev-list', '--count', 'HEAD'])).toBe('1');
    // Nothing but the clone is left in the cache.
    expect(await cacheEntries()).toEqual([dir.slice(join(home, 'cache').length + 1)]);
  });

  it('reuses an unchanged clone on the second run without fetching', async () => {
    await warm(fetchContext(home), [{ url: repo.url, ref: 'main' }]);
    const ctx = fetchContext(home);
    const [outcome] = await warm(ctx, [{ url: repo.url, ref: 'main' }]);
    expect(outcome).toMatchObject({ commit: repo.commit, origin: 'local-cache', error: null });
    // One ls-remote for the pin, one ls-files for the clone's tracked files.
    expect(ctx.exec.count('ls-remote')).toBe(1);
    expect(ctx.exec.count('ls-files')).toBe(1);
    expect(ctx.exec.count()).toBe(2);

    const pinned = fetchContext(home);
    await warm(pinned, [{ url: repo.url, ref: repo.commit }]);
    await warm(pinned, [{ url: repo.url, ref: repo.commit }]);
    expect(pinned.exec.count('fetch')).toBe(1);
  });

  it('fetches a repository once when several modules use subdirectories of it', async () => {
    const ctx = fetchContext(home, { concurrency: 4 });
    const sources = [
      { url: repo.url, ref: 'main' },
      { url: repo.url, ref: 'main' },
      { url: repo.url, ref: 'main' },
    ];
    const outcomes = await warm(ctx, sources);
    expect(outcomes).toHaveLength(1);
    expect(ctx.exec.count('fetch')).toBe(1);
    expect(ctx.exec.count('init')).toBe(1);
    const dir = outcomes[0]?.dir ?? '';
    expect((await readdir(join(dir, 'modules'))).sort()).toEqual(['a', 'b']);
  });

  it('updates a moved branch in place at the same path and records the new commit', async () => {
    await warm(fetchContext(home), [{ url: repo.url, ref: 'main' }]);
    const moved = await commitFiles(repo.path, { 'NEW.md': 'new\n' });
    const ctx = fetchContext(home);
    const [outcome] = await warm(ctx, [{ url: repo.url, ref: 'main' }]);
    const dir = layoutARepoDir(home, { url: repo.url, ref: 'main' });
    expect(outcome).toMatchObject({ dir, commit: moved, origin: 'network', error: null });
    expect(await headOf(dir)).toBe(moved);
    expect(await readFile(join(dir, 'NEW.md'), 'utf8')).toBe('new\n');
    expect(JSON.parse(await readFile(join(dir, '.amplifier_cache_meta.json'), 'utf8')).commit).toBe(moved);
    expect(await cacheEntries()).toHaveLength(1);
  });

  it('replaces a corrupt clone', async () => {
    const dir = layoutARepoDir(home, { url: repo.url, ref: 'main' });
    await warm(fetchContext(home), [{ url: repo.url, ref: 'main' }]);
    await rm(join(dir, 'pyproject.toml'));
    const ctx = fetchContext(home);
    const [outcome] = await warm(ctx, [{ url: repo.url, ref: 'main' }]);
    expect(outcome).toMatchObject({ origin: 'network', error: null });
    expect(ctx.logger.lines.some((line) => line.startsWith('warning: replacing the broken clone'))).toBe(true);
    expect(await readFile(join(dir, 'pyproject.toml'), 'utf8')).toContain('amplifier-module-tool-x');
  });

  it('refuses a repository that is not a module or bundle and leaves nothing behind', async () => {
    const plain = join(await tempDir('plain'), 'plain');
    await git(await tempDir('unused'), ['init', '--quiet', '--initial-branch=main', plain]);
    await commitFiles(plain, { 'README.md': 'no module here\n' });
    const ctx = fetchContext(home);
    const [outcome] = await warm(ctx, [{ url: `file://${plain}`, ref: 'main' }]);
    expect(outcome).toMatchObject({ code: 'not-a-module', origin: null });
    expect(outcome?.error).toContain('pyproject.toml');
    expect(await cacheEntries()).toEqual([]);
  });

  it('ignores an interrupted run’s temporary directory', async () => {
    const dir = layoutARepoDir(home, { url: repo.url, ref: 'main' });
    const ctx = fetchContext(home);
    await warm(ctx, [{ url: repo.url, ref: 'main' }]);
    // A half-written temp dir beside the clone is never mistaken for a clone.
    const leftover = join(home, 'cache', `.tmp-${dir.slice(join(home, 'cache').length + 1)}-abc123`);
    await git(home, ['init', '--quiet', leftover]);
    await writeFile(join(leftover, 'pyproject.toml'), '');
    const again = fetchContext(home);
    const [outcome] = await warm(again, [{ url: repo.url, ref: 'main' }]);
    expect(outcome).toMatchObject({ origin: 'local-cache', dir });
  });

  it('sweeps temporary directories an interrupted run left more than an hour ago, and keeps recent ones', async () => {
    const old = join(home, 'cache', '.tmp-repo-0123456789abcdef-old123');
    const recent = join(home, 'cache', '.old-repo-0123456789abcdef-new123');
    await mkdir(old, { recursive: true });
    await mkdir(recent, { recursive: true });
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await warm(fetchContext(home), [{ url: repo.url, ref: 'main' }]);
    const entries = await cacheEntries();
    expect(entries).not.toContain('.tmp-repo-0123456789abcdef-old123');
    expect(entries).toContain('.old-repo-0123456789abcdef-new123');
  });

  it('starts no git for a hostile location and reports it per repository', async () => {
    const ctx = fetchContext(home);
    const outcomes = await warm(ctx, [
      { url: repo.url, ref: '--upload-pack=touch /tmp/pwned' },
      { url: repo.url, ref: repo.commit },
    ]);
    expect(outcomes[0]).toMatchObject({ code: 'unsafe-source', origin: null });
    expect(outcomes[1]).toMatchObject({ error: null, origin: 'network' });
    expect(ctx.exec.calls.some((call) => call.args.some((arg) => arg.includes('upload-pack')))).toBe(false);
  });

  describe('offline', () => {
    it('uses the cache with one git process, the one that lists missing tracked files', async () => {
      await warm(fetchContext(home), [{ url: repo.url, ref: 'main' }]);
      const ctx = fetchContext(home, { offline: true });
      const [outcome] = await warm(ctx, [{ url: repo.url, ref: 'main' }]);
      expect(outcome).toMatchObject({ commit: repo.commit, origin: 'local-cache', error: null });
      expect(ctx.exec.count('ls-files')).toBe(1);
      expect(ctx.exec.count()).toBe(1);
    });

    it('reports offline-miss for a repository the cache lacks and fetches nothing', async () => {
      const ctx = fetchContext(home, { offline: true });
      const [outcome] = await warm(ctx, [{ url: repo.url, ref: 'main' }]);
      expect(outcome).toMatchObject({ code: 'offline-miss', origin: null });
      expect(ctx.exec.count()).toBe(0);
    });

    it('reports offline-miss for a pinned commit the cache does not hold', async () => {
      await warm(fetchContext(home), [{ url: repo.url, ref: 'main' }]);
      const moved = await commitFiles(repo.path, { 'NEW.md': 'x\n' });
      const ctx = fetchContext(home, { offline: true });
      const location = { url: repo.url, ref: moved };
      const [outcome] = await warm(ctx, [location]);
      expect(outcome).toMatchObject({ code: 'offline-miss' });
      expect(ctx.exec.count()).toBe(0);
    });
  });
});
