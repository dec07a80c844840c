import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionsCacheStore } from '../../src/action/actions-cache-store.js';
import type { CacheStore } from '../../src/ci-cache/cache-store.js';
import { noCacheStore } from '../../src/ci-cache/cache-store.js';
import {
  type CachedWarmResult,
  type CacheSettings,
  type GitModule,
  warmWithCache,
} from '../../src/ci-cache/cached-warm.js';
import { type CacheService, closedPortUrl, startCacheService } from '../helpers/cache-service.js';
import { commitFiles, git, makeModuleRepo } from '../helpers/git-repos.js';
import { capturingLogger, fetchContext, tempDir } from '../stages/fetch/fetch-test-context.js';

let service: CacheService;
const savedEnv = { ...process.env };

/** What the action's post step does with a warm: save the cached paths under the planned key, if a save is planned. */
async function saveAsPlanned(store: CacheStore, warmed: CachedWarmResult): Promise<boolean> {
  const save = warmed.plan?.save;
  return save?.kind === 'save' && (await store.save(warmed.paths, save.key));
}

function settings(store: CacheStore): CacheSettings {
  return { store, enabled: true, prefix: 'amf-test', os: 'Linux' };
}

/** Collects the toolkit's `::warning::` workflow commands written to stdout while `work` runs. */
async function capturingStdout<T>(work: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    return { result: await work(), output: chunks.join('') };
  } finally {
    process.stdout.write = original;
  }
}

async function twoModules(label: string): Promise<{ modules: GitModule[]; paths: string[] }> {
  const root = await tempDir(`repos-${label}`);
  const a = await makeModuleRepo(root, 'amplifier-module-tool-a');
  const mono = await makeModuleRepo(root, 'amplifier-mono', { 'modules/b/pyproject.toml': '[project]\nname="b"\n' });
  return {
    modules: [
      { id: 'tool-a', url: a.url, ref: 'main', subdirectory: null },
      { id: 'tool-b', url: mono.url, ref: 'main', subdirectory: 'modules/b' },
      { id: 'tool-c', url: mono.url, ref: 'main', subdirectory: null },
    ],
    paths: [a.path, mono.path],
  };
}

beforeAll(async () => {
  service = await startCacheService();
  delete process.env.GITHUB_SERVER_URL;
  Object.assign(process.env, service.env(await tempDir('runner-temp'), await tempDir('workspace')));
});

afterAll(async () => {
  process.env = savedEnv;
  await service?.stop();
});

describe('warm with the Actions cache over a real cache service', () => {
  it('misses and saves, then an exact hit on a fresh runner starts no git process', async () => {
    const root = await tempDir('repos-exact');
    const a = await makeModuleRepo(root, 'amplifier-module-exact-a');
    const b = await makeModuleRepo(root, 'amplifier-module-exact-b');
    // Refs pinned to commits: with an exact hit nothing at all needs git.
    const modules: GitModule[] = [
      { id: 'exact-a', url: a.url, ref: a.commit, subdirectory: null },
      { id: 'exact-b', url: b.url, ref: b.commit, subdirectory: null },
    ];
    const home = await tempDir('home-exact');
    const logger = capturingLogger();

    const first = await warmWithCache(modules, fetchContext(home), settings(createActionsCacheStore(logger)));
    expect(first.cache).toMatchObject({ hit: 'miss', matchedKey: null });
    expect(first.repos.map((repo) => repo.origin)).toEqual(['network', 'network']);
    expect(first.plan).toEqual({
      key: first.cache.key,
      restoreKeys: ['amf-test-Linux-'],
      paths: first.repos.map((repo) => repo.dir).sort(),
      commits: Object.fromEntries(first.repos.map((repo) => [repo.dir, repo.commit])),
      mode: 'read-write',
      save: { kind: 'save', key: first.cache.key },
    });
    expect(await saveAsPlanned(createActionsCacheStore(logger), first)).toBe(true);
    expect(service.entries.filter((entry) => entry.key === first.cache.key && entry.finalized)).toHaveLength(1);

    await rm(join(home, 'cache'), { recursive: true, force: true });
    const ctx = fetchContext(home);
    const createsBefore = service.calls.filter((call) => call.method === 'CreateCacheEntry').length;
    const second = await warmWithCache(modules, ctx, settings(createActionsCacheStore(logger)));
    expect(second.cache).toEqual({ key: first.cache.key, matchedKey: first.cache.key, hit: 'exact' });
    // No clone, fetch or ls-remote: only the integrity check's object reads (two per restored clone), then the
    // listing of missing tracked files when each clone is inspected.
    const subcommands = ctx.exec.calls.map((call) =>
      call.args.find((arg) => !arg.startsWith('-') && !arg.includes('=')),
    );
    expect(subcommands.sort()).toEqual(['cat-file', 'cat-file', 'ls-files', 'ls-files', 'ls-tree', 'ls-tree']);
    expect(second.repos.map((repo) => [repo.origin, repo.commit, repo.error])).toEqual([
      ['ci-cache', a.commit, null],
      ['ci-cache', b.commit, null],
    ]);
    expect(second.plan?.save).toEqual({ kind: 'skip', reason: 'exact-hit' });
    expect(await saveAsPlanned(createActionsCacheStore(logger), second)).toBe(false);
    expect(service.calls.filter((call) => call.method === 'CreateCacheEntry').length).toBe(createsBefore);
    for (const repo of second.repos) expect(await git(repo.dir, ['rev-parse', 'HEAD'])).toBe(repo.commit);
  });

  it('restores by the restore key after one module moved and fetches only that repository', async () => {
    const { modules, paths } = await twoModules('partial');
    const home = await tempDir('home-partial');
    const logger = capturingLogger();
    const first = await warmWithCache(modules, fetchContext(home), settings(createActionsCacheStore(logger)));
    expect(first.repos).toHaveLength(2);
    expect(await saveAsPlanned(createActionsCacheStore(logger), first)).toBe(true);

    await rm(join(home, 'cache'), { recursive: true, force: true });
    const moved = await commitFiles(paths[0] ?? '', { 'NEW.md': 'moved\n' });
    const ctx = fetchContext(home);
    const second = await warmWithCache(modules, ctx, settings(createActionsCacheStore(logger)));
    expect(second.cache.hit).toBe('partial');
    expect(second.cache.matchedKey).toBe(first.cache.key);
    expect(second.cache.key).not.toBe(first.cache.key);
    expect(ctx.exec.count('ls-remote')).toBe(2);
    expect(ctx.exec.count('fetch')).toBe(1);
    expect(second.repos.map((repo) => [repo.url, repo.origin, repo.commit])).toEqual([
      [modules[0]?.url, 'network', moved],
      [modules[1]?.url, 'ci-cache', first.repos[1]?.commit],
    ]);
    // Updated in place: the restored old clone of the moved repository was replaced at the same path.
    expect(second.repos[0]?.dir).toBe(first.repos[0]?.dir);
    expect(await git(second.repos[0]?.dir ?? '', ['rev-parse', 'HEAD'])).toBe(moved);
    expect(second.plan?.save).toEqual({ kind: 'save', key: second.cache.key });
    expect(await saveAsPlanned(createActionsCacheStore(logger), second)).toBe(true);
  });

  it('an entry extracted over an existing clone is screened: a modified tracked file is discarded and fetched again', async () => {
    const repo = await makeModuleRepo(await tempDir('repos-over'), 'amplifier-module-tool-over');
    const modules: GitModule[] = [{ id: 'tool-over', url: repo.url, ref: 'main', subdirectory: null }];
    const home = await tempDir('home-over');
    const store = () => createActionsCacheStore(capturingLogger());
    const clean = await warmWithCache(modules, fetchContext(home), settings(store()));
    expect(await saveAsPlanned(store(), clean)).toBe(true);
    const dir = clean.repos[0]?.dir ?? '';
    // What an editable install leaves in the clone is no reason to fetch it again.
    await mkdir(join(dir, 'amplifier_module_tool_over.egg-info'));
    await writeFile(join(dir, 'amplifier_module_tool_over.egg-info', 'PKG-INFO'), 'Name: x\n');
    await mkdir(join(dir, 'build', 'lib'), { recursive: true });
    const kept = fetchContext(home);
    const again = await warmWithCache(modules, kept, settings(store()));
    expect(again.cache.hit).toBe('exact');
    expect(again.repos[0]).toMatchObject({ error: null, origin: 'local-cache' });
    expect(kept.exec.count('fetch')).toBe(0);

    // The branch moves; the entry saved for the new commit is poisoned: one tracked file changed.
    await commitFiles(repo.path, { 'NEW.md': 'moved\n' });
    const moved = await warmWithCache(modules, fetchContext(home), settings(store()));
    const init = join(dir, 'amplifier_module_tool_over', '__init__.py');
    const honest = await readFile(init, 'utf8');
    await writeFile(init, 'import os\nos.system("echo pwned")\n');
    expect(await saveAsPlanned(store(), moved)).toBe(true);
    // This runner's own clone is pristine again (a self-hosted runner's persistent home, an earlier warm step).
    await git(dir, ['checkout', '--', '.']);

    const ctx = fetchContext(home);
    const next = await warmWithCache(modules, ctx, settings(store()));
    expect(next.cache.hit).toBe('exact');
    expect(await readFile(init, 'utf8')).toBe(honest);
    expect(next.repos[0]).toMatchObject({ origin: 'network', error: null });
    expect(ctx.logger.lines.some((line) => line.includes('__init__.py (modified)'))).toBe(true);
    // A discarded clone means the entry under this key is wrong: it is not an exact hit for the save plan.
    expect(next.plan?.save).toEqual({ kind: 'save', key: next.cache.key });
  });

  it('treats a refusing service as a miss, says the reservation was taken (no warning), and still gives the right result', async () => {
    const { modules } = await twoModules('refuse');
    const home = await tempDir('home-refuse');
    const logger = capturingLogger();
    service.mode = 'refuse';
    try {
      const warmed = await warmWithCache(modules, fetchContext(home), settings(createActionsCacheStore(logger)));
      expect(warmed.cache.hit).toBe('miss');
      expect(warmed.repos.every((repo) => repo.origin === 'network' && repo.error === null)).toBe(true);
      const { result: saved, output } = await capturingStdout(() =>
        createActionsCacheStore(logger).saveWithOutcome(warmed.paths, warmed.cache.key ?? ''),
      );
      expect(saved).toEqual({ kind: 'taken', reason: 'refused by the test service' });
      // The toolkit's own warning is kept for the debug log only: the caller says it once.
      expect(output).not.toContain('::warning::');
      expect(output).toContain('::debug::Cache reservation failed: refused by the test service');
      expect(logger.lines).toEqual([]);
    } finally {
      service.mode = 'ok';
    }
  });

  it('an unreachable service: one warning, modules fetched, no save planned, the right result', async () => {
    const { modules } = await twoModules('unreachable');
    const home = await tempDir('home-unreachable');
    const logger = capturingLogger();
    const url = process.env.ACTIONS_RESULTS_URL;
    process.env.ACTIONS_RESULTS_URL = await closedPortUrl();
    try {
      const { result: warmed, output } = await capturingStdout(() =>
        warmWithCache(modules, { ...fetchContext(home), logger }, settings(createActionsCacheStore(logger))),
      );
      expect(output).not.toMatch(/::warning::/);
      expect(warmed.cache.hit).toBe('unavailable');
      expect(warmed.repos.every((repo) => repo.origin === 'network' && repo.error === null)).toBe(true);
      expect(warmed.plan?.save).toEqual({ kind: 'skip', reason: 'service-unavailable' });
      const warnings = logger.lines.filter((line) => line.startsWith('warning:'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /could not be restored \(.+\): modules are fetched from git, and this job saves no cache/,
      );
    } finally {
      process.env.ACTIONS_RESULTS_URL = url;
    }
  });

  it('plans no save when a repository could not be fetched, nor in restore-only mode', async () => {
    const { modules } = await twoModules('plan-skip');
    const missing: GitModule = {
      id: 'tool-gone',
      url: `file://${await tempDir('no-repo-here')}/absent`,
      ref: 'main',
      subdirectory: null,
    };
    const logger = capturingLogger();
    const store = createActionsCacheStore(logger);
    const holed = await warmWithCache([...modules, missing], fetchContext(await tempDir('home-hole')), settings(store));
    expect(holed.repos.filter((repo) => repo.error !== null).map((repo) => repo.url)).toEqual([missing.url]);
    expect(holed.plan?.save).toEqual({ kind: 'skip', reason: 'fetch-failed' });
    expect(await saveAsPlanned(store, holed)).toBe(false);

    const readOnly = await warmWithCache(modules, fetchContext(await tempDir('home-read-only')), {
      ...settings(store),
      mode: 'restore-only',
    });
    expect(readOnly.repos.every((repo) => repo.error === null)).toBe(true);
    expect(readOnly.plan?.save).toEqual({ kind: 'skip', reason: 'restore-only' });
  });

  it('reports off and unavailable without touching a store, and does not plan a save', async () => {
    const { modules } = await twoModules('off');
    const home = await tempDir('home-off');
    const off = await warmWithCache(modules, fetchContext(home), { ...settings(noCacheStore), enabled: false });
    expect(off.cache).toEqual({ key: null, matchedKey: null, hit: 'off' });
    const unavailable = await warmWithCache(modules, fetchContext(home), settings(noCacheStore));
    expect(unavailable.cache.hit).toBe('unavailable');
    expect(unavailable.cache.key).toMatch(/^amf-test-Linux-[0-9a-f]{64}$/);
    expect(unavailable.plan).toBeNull();
    expect(unavailable.repos.every((repo) => repo.origin === 'local-cache')).toBe(true);
  });
});
