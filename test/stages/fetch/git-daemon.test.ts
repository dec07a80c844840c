import { rename } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCheckouts } from '../../../src/stages/fetch/ensure-checkouts.js';
import { PIN_TIMEOUT_MS, pinRefs } from '../../../src/stages/fetch/pin.js';
import { type GitDaemon, startGitDaemon } from '../../helpers/git-daemon.js';
import { commitFiles, git, makeModuleRepo, type TestRepo } from '../../helpers/git-repos.js';
import { fetchContext, type TestFetchContext, tempDir } from './fetch-test-context.js';

let daemon: GitDaemon;
let repo: TestRepo;
let served: string;

async function warm(ctx: TestFetchContext, sources: readonly { url: string; ref: string }[]) {
  return ensureCheckouts(sources, await pinRefs(sources, ctx), ctx);
}

beforeAll(async () => {
  served = await tempDir('served');
  repo = await makeModuleRepo(served, 'amplifier-module-net');
  daemon = await startGitDaemon(served);
});

afterAll(async () => {
  await daemon?.stop();
});

describe('fetching over git:// from a real git daemon', () => {
  it('pins and fetches a branch and a tag at their commits', async () => {
    await git(repo.path, ['tag', 'v1', repo.commit]);
    const moved = await commitFiles(repo.path, { 'x.py': 'x = 1\n' });
    const ctx = fetchContext(await tempDir('home'));
    const url = daemon.url('amplifier-module-net');
    const outcomes = await warm(ctx, [
      { url, ref: 'main' },
      { url, ref: 'v1' },
    ]);
    expect(outcomes.map((o) => [o.ref, o.commit, o.origin, o.error])).toEqual([
      ['main', moved, 'network', null],
      ['v1', repo.commit, 'network', null],
    ]);
    expect(ctx.exec.count('ls-remote')).toBe(1);
    for (const outcome of outcomes) expect(await git(outcome.dir, ['rev-parse', 'HEAD'])).toBe(outcome.commit);
  });

  it('fails clearly while the daemon is down and succeeds again once it is back', async () => {
    const home = await tempDir('home');
    const url = daemon.url('amplifier-module-net');
    await daemon.stop();
    try {
      const ctx = fetchContext(home);
      const [outcome] = await warm(ctx, [{ url, ref: 'main' }]);
      expect(outcome?.origin).toBeNull();
      expect(outcome?.code).toBe('git-failed');
      expect(outcome?.error).toContain(`${url}@main`);
      expect(outcome?.error).toMatch(/connection refused/i);
      // Connection refused is transient: retried per the policy (2 tries here).
      expect(ctx.exec.count('ls-remote')).toBe(2);
      expect(ctx.exec.count('fetch')).toBe(0);
    } finally {
      await daemon.start();
    }
    const [again] = await warm(fetchContext(home), [{ url, ref: 'main' }]);
    expect(again).toMatchObject({ origin: 'network', error: null });
  });

  it('install and verify keep a cached clone when the remote cannot be reached, and say why; lock and warm do not', async () => {
    const home = await tempDir('home');
    const url = daemon.url('amplifier-module-net');
    const [cached] = await warm(fetchContext(home), [{ url, ref: 'main' }]);
    expect(cached?.origin).toBe('network');
    await daemon.stop();
    try {
      const standIn = fetchContext(home, { cachedWhenUnreachable: true });
      const pins = await pinRefs([{ url, ref: 'main' }], standIn);
      const pin = pins.get(`${url}@main`);
      expect(pin).toMatchObject({ commit: cached?.commit, via: 'cache-unreachable' });
      expect(pin && 'unreachable' in pin ? pin.unreachable : '').toMatch(/connection refused/i);
      const [outcome] = await ensureCheckouts([{ url, ref: 'main' }], pins, standIn);
      expect(outcome).toMatchObject({ origin: 'local-cache', commit: cached?.commit, error: null });
      expect(standIn.exec.count('fetch')).toBe(0);
      // Without the stand-in (warm, lock) the same failure fails.
      const [strict] = await warm(fetchContext(home), [{ url, ref: 'main' }]);
      expect(strict).toMatchObject({ origin: null, code: 'git-failed' });
      // Nothing cached for this ref: nothing to stand in.
      const [missing] = await warm(fetchContext(home, { cachedWhenUnreachable: true }), [{ url, ref: 'v9' }]);
      expect(missing).toMatchObject({ origin: null, code: 'git-failed' });
    } finally {
      await daemon.start();
    }
  });

  it('a remote that accepts and never answers is given up at the pin limit; the cached clone stands in', async () => {
    const home = await tempDir('home');
    const url = daemon.url('amplifier-module-net');
    const first = fetchContext(home);
    const [cached] = await warm(first, [{ url, ref: 'main' }]);
    // An ls-remote gets a minute, not a clone's ten.
    expect(first.exec.calls.find((call) => call.args.includes('ls-remote'))?.options?.timeoutMs).toBe(PIN_TIMEOUT_MS);
    await daemon.stop();
    // The same port now accepts connections and never says a word.
    const sockets = new Set<Socket>();
    const tarpit = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => tarpit.listen(daemon.port, '127.0.0.1', resolve));
    try {
      const ctx = fetchContext(home, { cachedWhenUnreachable: true, gitTimeoutMs: 500 });
      const pins = await pinRefs([{ url, ref: 'main' }], ctx);
      expect(pins.get(`${url}@main`)).toMatchObject({ commit: cached?.commit, via: 'cache-unreachable' });
      expect(ctx.exec.count('ls-remote')).toBe(2);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tarpit.close(() => resolve()));
      await daemon.start();
    }
  });

  it('a repository the server says it does not have is never covered by a cached clone', async () => {
    const home = await tempDir('home');
    const url = daemon.url('amplifier-module-net');
    const [cached] = await warm(fetchContext(home), [{ url, ref: 'main' }]);
    expect(cached?.error).toBeNull();
    // The server answers, and the answer is "no such repository": not a network failure.
    await rename(repo.path, `${repo.path}.away`);
    try {
      const ctx = fetchContext(home, { cachedWhenUnreachable: true });
      const [outcome] = await warm(ctx, [{ url, ref: 'main' }]);
      expect(outcome).toMatchObject({ origin: null, code: 'git-failed' });
      expect(ctx.exec.count('ls-remote')).toBe(1);
    } finally {
      await rename(`${repo.path}.away`, repo.path);
    }
  });

  it('names the repository when the daemon does not serve it', async () => {
    const ctx = fetchContext(await tempDir('home'));
    const url = daemon.url('no-such-repo');
    const [outcome] = await warm(ctx, [{ url, ref: 'main' }]);
    expect(outcome?.error).toContain(url);
    // Not transient: asked once.
    expect(ctx.exec.count('ls-remote')).toBe(1);
  });
});
