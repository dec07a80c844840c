import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeExec } from '../../../src/ports/node-exec.js';
import { nodeFileSystem } from '../../../src/ports/node-fs.js';
import { layoutARepoDir } from '../../../src/source/cache-layout.js';
import { fetchGitInclude, locateGitIncludeInCache } from '../../../src/stages/fetch/git-include.js';
import { commitFiles, git, makeModuleRepo } from '../../helpers/git-repos.js';
import { fetchContext, tempDir } from './fetch-test-context.js';

const reader = { fs: nodeFileSystem, exec: nodeExec, env: process.env };

const FOUNDATION = 'git+https://github.com/microsoft/amplifier-foundation@main';

describe('locateGitIncludeInCache', () => {
  it('finds a clone made by git init (as the corpus fixture is) and its subdirectory file', async () => {
    const home = await tempDir('home');
    const dir = join(home, 'cache', 'amplifier-foundation-c909465861f9d6ce');
    await mkdir(join(dir, 'behaviors'), { recursive: true });
    await writeFile(join(dir, 'bundle.md'), '---\nbundle: {name: foundation}\n---\n');
    await writeFile(join(dir, 'behaviors', 'sessions.yaml'), 'bundle: {name: sessions}\n');
    await git(dir, ['init', '--quiet']);
    const locate = locateGitIncludeInCache(home, reader);
    // A clone without a commit yet: found, with no commit to record.
    expect(await locate(FOUNDATION)).toEqual({ dir, repoDir: dir, commit: null });
    expect(await locate(`${FOUNDATION}#subdirectory=behaviors/sessions.yaml`)).toEqual({
      dir: join(dir, 'behaviors', 'sessions.yaml'),
      repoDir: dir,
      commit: null,
    });
    const missingSub = await locate(`${FOUNDATION}#subdirectory=behaviors/nope.yaml`);
    expect(missingSub).toHaveProperty('unavailable');
  });

  it('says the include is not in the cache, and how to get it', async () => {
    const locate = locateGitIncludeInCache(await tempDir('home'), reader);
    const result = await locate('git+https://github.com/org/amplifier-bundle-x@main#subdirectory=y.yaml');
    expect('unavailable' in result ? result.unavailable : '').toMatch(/not in the module cache.*warm/);
  });

  it('turns a malformed URI into an unavailable reason instead of throwing', async () => {
    const locate = locateGitIncludeInCache(await tempDir('home'), reader);
    expect(await locate('git+ext::sh -c x')).toHaveProperty('unavailable');
  });
});

describe('fetchGitInclude', () => {
  it('pins and fetches the include, then locates it; offline it only looks', async () => {
    const repo = await makeModuleRepo(await tempDir('repos'), 'amplifier-bundle-x', {
      'bundle.md': '---\nbundle: {name: x}\n---\n',
      'behaviors/y.yaml': 'bundle: {name: y}\n',
    });
    const home = await tempDir('home');
    const uri = `git+${repo.url}@main#subdirectory=behaviors/y.yaml`;
    const repoDir = layoutARepoDir(home, { url: repo.url, ref: 'main' });

    const offline = fetchContext(home, { offline: true });
    expect(await fetchGitInclude(offline)(uri)).toHaveProperty('unavailable');
    expect(offline.exec.count()).toBe(0);

    const ctx = fetchContext(home);
    const located = { dir: join(repoDir, 'behaviors', 'y.yaml'), repoDir, commit: repo.commit };
    expect(await fetchGitInclude(ctx)(uri)).toEqual(located);
    expect(await fetchGitInclude(fetchContext(home, { offline: true }))(uri)).toEqual(located);
  });

  it('a locked commit is the pin (no ls-remote); under --frozen an include the lock lacks is unavailable', async () => {
    const repo = await makeModuleRepo(await tempDir('repos'), 'amplifier-bundle-locked', {
      'bundle.md': '---\nbundle: {name: x}\n---\n',
    });
    const locked = repo.commit;
    await commitFiles(repo.path, { 'later.md': 'moved\n' }, 'moved');
    const uri = `git+${repo.url}@main`;
    const ctx = fetchContext(await tempDir('home'));
    expect(await fetchGitInclude(ctx, () => locked)(uri)).toMatchObject({ commit: locked });
    expect(ctx.exec.count('ls-remote')).toBe(0);
    // The locked commit, then the declared branch to show the commit is on it (stages/fetch/locked-ref-check.ts).
    expect(ctx.exec.count('fetch')).toBe(2);
    const frozen = fetchContext(await tempDir('home'));
    const refused = await fetchGitInclude({ ...frozen, frozen: true })(uri);
    expect('unavailable' in refused ? refused.unavailable : '').toContain('--frozen asks no remote');
    expect(frozen.exec.count()).toBe(0);
  });
});
