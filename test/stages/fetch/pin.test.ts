import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutARepoDir } from '../../../src/source/cache-layout.js';
import { pinKey } from '../../../src/stages/fetch/context.js';
import { pinRefs } from '../../../src/stages/fetch/pin.js';
import { commitFiles, git, makeModuleRepo, type TestRepo } from '../../helpers/git-repos.js';
import { fetchContext, tempDir } from './fetch-test-context.js';

let repo: TestRepo;
let other: TestRepo;
let mainCommit: string;
let featCommit: string;
let tagCommit: string;

beforeAll(async () => {
  const root = await tempDir('pin-repos');
  repo = await makeModuleRepo(root, 'amplifier-module-tool-a');
  other = await makeModuleRepo(root, 'amplifier-module-tool-b');
  tagCommit = repo.commit;
  await git(repo.path, ['tag', '-a', 'v1.0.0', '-m', 'release']);
  await git(repo.path, ['tag', 'light', repo.commit]);
  mainCommit = await commitFiles(repo.path, { 'CHANGES.md': 'two\n' });
  await git(repo.path, ['checkout', '--quiet', '-b', 'feat/x']);
  featCommit = await commitFiles(repo.path, { 'CHANGES.md': 'three\n' });
  await git(repo.path, ['checkout', '--quiet', 'main']);
});

describe('pinRefs', () => {
  it('pins branches, slash branches, annotated and light tags with one ls-remote per repository', async () => {
    const ctx = fetchContext(await tempDir('pin-home'));
    const sources = [
      { url: repo.url, ref: 'main' },
      { url: repo.url, ref: 'feat/x' },
      { url: repo.url, ref: 'v1.0.0' },
      { url: repo.url, ref: 'light' },
      { url: repo.url, ref: 'main' },
      { url: other.url, ref: 'main' },
    ];
    const pins = await pinRefs(sources, ctx);
    expect(pins.get(pinKey({ url: repo.url, ref: 'main' }))).toEqual({ commit: mainCommit, via: 'ls-remote' });
    expect(pins.get(pinKey({ url: repo.url, ref: 'feat/x' }))).toEqual({ commit: featCommit, via: 'ls-remote' });
    expect(pins.get(pinKey({ url: repo.url, ref: 'v1.0.0' }))).toEqual({ commit: tagCommit, via: 'ls-remote' });
    expect(pins.get(pinKey({ url: repo.url, ref: 'light' }))).toEqual({ commit: tagCommit, via: 'ls-remote' });
    expect(pins.get(pinKey({ url: other.url, ref: 'main' }))).toEqual({ commit: other.commit, via: 'ls-remote' });
    expect(pins.size).toBe(5);
    expect(ctx.exec.count('ls-remote')).toBe(2);
    expect(ctx.exec.count()).toBe(2);
    // Protocol version 0: the refs come in the server's first answer, one round trip on every transport.
    for (const call of ctx.exec.calls) expect(call.args.slice(0, 3)).toEqual(['-c', 'protocol.version=0', 'ls-remote']);
  });

  it('takes a 40-hex ref as its own pin without starting git', async () => {
    const ctx = fetchContext(await tempDir('pin-home'));
    const pins = await pinRefs([{ url: repo.url, ref: mainCommit.toUpperCase() }], ctx);
    expect(pins.get(pinKey({ url: repo.url, ref: mainCommit.toUpperCase() }))).toEqual({
      commit: mainCommit,
      via: 'commit-ref',
    });
    expect(ctx.exec.count()).toBe(0);
  });

  it('reports a ref the repository does not have, naming it', async () => {
    const ctx = fetchContext(await tempDir('pin-home'));
    const pins = await pinRefs([{ url: repo.url, ref: 'no-such-branch' }], ctx);
    const pin = pins.get(pinKey({ url: repo.url, ref: 'no-such-branch' }));
    expect(pin).toMatchObject({ code: 'ref-not-found' });
    expect(pin && 'error' in pin ? pin.error : '').toContain("'no-such-branch'");
  });

  it('reports a missing repository with git’s own message and the URL', async () => {
    const ctx = fetchContext(await tempDir('pin-home'));
    const url = `file://${join(await tempDir('nothing'), 'absent')}`;
    const pins = await pinRefs([{ url, ref: 'main' }], ctx);
    const pin = pins.get(pinKey({ url, ref: 'main' }));
    expect(pin).toMatchObject({ code: 'git-failed' });
    const error = pin && 'error' in pin ? pin.error : '';
    expect(error).toContain(url);
    expect(error).toContain('@main');
    expect(error).toMatch(/does not appear to be a git repository/);
  });

  it('passes a token through the environment only, never as an argument', async () => {
    const token = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    const ctx = fetchContext(await tempDir('pin-home'), { token: { host: 'github.com', value: token } });
    await pinRefs([{ url: repo.url, ref: 'main' }], ctx);
    const [call] = ctx.exec.calls;
    expect(call?.args.join(' ')).not.toContain(token);
    expect(Object.values(call?.options?.env ?? {}).some((value) => value?.includes('AUTHORIZATION: basic'))).toBe(true);
    expect(ctx.redactor.redact(`x ${token} y`)).toBe('x *** y');
  });

  it.each([
    { url: 'ext::sh -c touch% /tmp/pwned', ref: 'main' },
    { url: '-oProxyCommand=touch /tmp/pwned', ref: 'main' },
    { url: 'https://github.com/org/repo', ref: '--upload-pack=touch /tmp/pwned' },
    { url: 'https://github.com/org/repo', ref: 'main~1' },
    { url: 'https://github.com/org/repo', ref: 'a..b' },
    { url: 'https://-evil/org/repo', ref: 'main' },
    { url: 'https://github.com/org/repo#subdirectory=x', ref: 'main' },
    { url: 'fd::17', ref: 'main' },
  ])('rejects $url @ $ref before git runs', async (location) => {
    const ctx = fetchContext(await tempDir('pin-home'));
    const pins = await pinRefs([location], ctx);
    expect(pins.get(pinKey(location))).toMatchObject({ code: 'unsafe-source' });
    expect(ctx.exec.count()).toBe(0);
  });

  describe('offline', () => {
    it('pins from the cache metadata when HEAD cannot be read, and starts no git', async () => {
      const home = await tempDir('pin-offline');
      const location = { url: repo.url, ref: 'main' };
      const dir = layoutARepoDir(home, location);
      await mkdir(join(dir, '.git'), { recursive: true });
      await writeFile(join(dir, 'pyproject.toml'), '[project]\nname = "x"\n');
      await writeFile(
        join(dir, '.amplifier_cache_meta.json'),
        JSON.stringify({ cached_at: '2026-01-01T00:00:00', ref: 'main', commit: featCommit, git_url: repo.url }),
      );
      const ctx = fetchContext(home, { offline: true });
      const pins = await pinRefs([location], ctx);
      // The clone as inspected goes with the pin, so the checkout step does not inspect it again: its HEAD is unreadable.
      expect(pins.get(pinKey(location))).toEqual({
        commit: featCommit,
        via: 'cache',
        clone: { kind: 'valid', head: null },
      });
      expect(ctx.exec.count()).toBe(0);
    });

    it('is an offline-miss when the cache does not have the repository', async () => {
      const ctx = fetchContext(await tempDir('pin-offline'), { offline: true });
      const location = { url: other.url, ref: 'main' };
      const pin = (await pinRefs([location], ctx)).get(pinKey(location));
      expect(pin).toMatchObject({ code: 'offline-miss' });
      expect(pin && 'error' in pin ? pin.error : '').toContain('--offline');
      expect(ctx.exec.count()).toBe(0);
    });
  });
});
