/**
 * The CI cache serving a truncated or corrupt archive: the restore fails, whatever it half-extracted is discarded,
 * every repository is fetched fresh at its pinned commit, and the result is the same as a cold run. Also the service
 * refusing: a warning and a correct, complete warm.
 */
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionsCacheStore } from '../../src/action/actions-cache-store.js';
import type { CacheStore } from '../../src/ci-cache/cache-store.js';
import { type CacheSettings, type GitModule, warmWithCache } from '../../src/ci-cache/cached-warm.js';
import { type CacheService, startCacheService } from '../helpers/cache-service.js';
import { git, makeModuleRepo } from '../helpers/git-repos.js';
import { capturingLogger, fetchContext, tempDir } from '../stages/fetch/fetch-test-context.js';

let service: CacheService;
const savedEnv = { ...process.env };

function settings(prefix: string): CacheSettings {
  return { store: createActionsCacheStore(capturingLogger()), enabled: true, prefix, os: 'Linux' };
}

async function quiet<T>(work: () => Promise<T>): Promise<T> {
  // The toolkit writes its warnings as workflow commands on stdout; keep the test output readable.
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = original;
  }
}

/** Two repositories with enough content that half an archive holds one of them only partly. */
async function savedEntry(label: string): Promise<{ modules: GitModule[]; home: string; key: string }> {
  const root = await tempDir(`repos-${label}`);
  const filler = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`data/f${i}.txt`, `${label}-${i}-`.repeat(400)]),
  );
  const a = await makeModuleRepo(root, 'amplifier-module-arch-a', filler);
  const b = await makeModuleRepo(root, 'amplifier-module-arch-b', filler);
  const modules: GitModule[] = [
    { id: 'arch-a', url: a.url, ref: 'main', subdirectory: null },
    { id: 'arch-b', url: b.url, ref: 'main', subdirectory: null },
  ];
  const home = await tempDir(`home-${label}`);
  const first = await quiet(() => warmWithCache(modules, fetchContext(home), settings(`arch-${label}`)));
  expect(first.plan?.save).toEqual({ kind: 'save', key: first.cache.key });
  const store = createActionsCacheStore(capturingLogger());
  expect(await quiet(() => store.save(first.paths, first.cache.key ?? ''))).toBe(true);
  await rm(join(home, 'cache'), { recursive: true, force: true });
  return { modules, home, key: first.cache.key ?? '' };
}

async function expectFreshAndComplete(modules: GitModule[], home: string, prefix: string): Promise<void> {
  const logger = capturingLogger();
  const ctx = { ...fetchContext(home), logger };
  const result = await quiet(() => warmWithCache(modules, ctx, settings(prefix)));
  expect(result.cache.hit).toBe('miss');
  expect(result.repos.map((repo) => [repo.origin, repo.error])).toEqual([
    ['network', null],
    ['network', null],
  ]);
  for (const repo of result.repos) {
    expect(await git(repo.dir, ['rev-parse', 'HEAD'])).toBe(repo.commit);
    expect(await git(repo.dir, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    await git(repo.dir, ['fsck', '--no-progress']);
  }
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

describe('the CI cache misbehaving', () => {
  it('a truncated archive: the partial restore is discarded and every repository is fetched fresh', async () => {
    const { modules, home, key } = await savedEntry('truncated');
    await service.damage(key, 'truncate');
    await expectFreshAndComplete(modules, home, 'arch-truncated');
  });

  it('a corrupt archive: detected, nothing is reused, every repository is fetched fresh', async () => {
    const { modules, home, key } = await savedEntry('garbage');
    await service.damage(key, 'garbage');
    await expectFreshAndComplete(modules, home, 'arch-garbage');
  });

  it('a restore that fails after extracting part of a clone never lets that clone be reused', async () => {
    // The toolkit reports a failed extraction as a miss but leaves what tar already wrote. Reproduce exactly that
    // with a store whose restore writes a clone that looks valid (HEAD at the pinned commit) but lacks files.
    const { modules, home } = await savedEntry('half');
    const donorHome = await tempDir('home-half-donor');
    const donor = await quiet(() =>
      warmWithCache(modules, fetchContext(donorHome), { ...settings('arch-half'), enabled: false }),
    );
    const halfExtracting: CacheStore = {
      available: true,
      async restore(paths) {
        for (const [index, path] of paths.entries()) {
          await cp(donor.repos[index]!.dir, path, { recursive: true });
          await rm(join(path, 'data'), { recursive: true, force: true });
        }
        return null;
      },
      lookup: async () => false,
      save: async () => false,
    };
    const logger = capturingLogger();
    const result = await warmWithCache(
      modules,
      { ...fetchContext(home), logger },
      { ...settings('arch-half'), store: halfExtracting },
    );
    expect(result.repos.map((repo) => repo.origin)).toEqual(['network', 'network']);
    for (const repo of result.repos) {
      expect(await git(repo.dir, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    }
    expect(logger.lines.filter((line) => line.startsWith('warning:'))).toEqual([
      expect.stringMatching(
        /restore stopped part-way\); 2 partly restored clone\(s\) discarded: modules are fetched from git\.$/,
      ),
    ]);
  });

  it('the service refusing every call: a complete warm from the network and no save planned', async () => {
    const { modules, home } = await savedEntry('refused');
    service.mode = 'refuse';
    try {
      const result = await quiet(() => warmWithCache(modules, fetchContext(home), settings('arch-refused')));
      expect(result.cache.hit).toBe('miss');
      expect(result.repos.every((repo) => repo.origin === 'network' && repo.error === null)).toBe(true);
    } finally {
      service.mode = 'ok';
    }
  });
});
