/**
 * The module cache is shared with Amplifier itself, so what we write there must be what Amplifier writes: clone
 * directories with the mode a plain `git clone` gives under the user's umask, and `.amplifier_cache_meta.json` in
 * the exact bytes amplifier-foundation's `json.dumps(..., indent=2)` produces, with a `cached_at` its age check
 * (`datetime.now() - datetime.fromisoformat(cached_at)`) can compute. Python itself is the judge of both.
 */
import { spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { layoutARepoDir } from '../../../src/source/cache-layout.js';
import { ensureCheckouts } from '../../../src/stages/fetch/ensure-checkouts.js';
import { pinRefs } from '../../../src/stages/fetch/pin.js';
import { git, makeModuleRepo, type TestRepo } from '../../helpers/git-repos.js';
import { CLI } from '../../helpers/run-cli.js';
import { fetchContext, tempDir } from './fetch-test-context.js';

const PYTHON = '/usr/bin/python3';
const DAY_MS = 24 * 60 * 60 * 1000;

let repo: TestRepo;
let home: string;

/** Runs a Python snippet with `args` in sys.argv[1:]; returns its stdout, throws with its stderr. */
function python(code: string, ...args: string[]): string {
  const result = spawnSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** What amplifier-foundation's `_save_cache_metadata` would write for the same values. */
const FOUNDATION_DUMP = 'import json,sys; sys.stdout.write(json.dumps(json.loads(sys.argv[1]), indent=2))';
/** amplifier-app-cli's `_cache_age_days_from_string`: the age in days, or an error when it cannot subtract. */
const AGE_DAYS =
  'import json,sys; from datetime import datetime\n' +
  'm = json.load(open(sys.argv[1], encoding="utf-8"))\n' +
  'print((datetime.now() - datetime.fromisoformat(m["cached_at"])).days)';

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o7777;
}

beforeEach(async () => {
  repo = await makeModuleRepo(await tempDir('repos'), 'amplifier-module-tool-compat');
  home = await tempDir('home');
});

describe('byte-compatible with Amplifier’s module cache', () => {
  it('writes the metadata file exactly as foundation does, with a cached_at its age check reads', async () => {
    const threeDaysAgo = Date.now() - 3 * DAY_MS - 60 * 60 * 1000;
    const ctx = fetchContext(home, { clock: { now: () => threeDaysAgo } });
    const sources = [{ url: repo.url, ref: 'main' }];
    await ensureCheckouts(sources, await pinRefs(sources, ctx), ctx);
    const file = join(layoutARepoDir(home, sources[0]!), '.amplifier_cache_meta.json');
    const written = await readFile(file, 'utf8');

    expect(python(FOUNDATION_DUMP, written)).toBe(written);
    expect(Object.keys(JSON.parse(written))).toEqual(['cached_at', 'ref', 'commit', 'git_url']);
    expect(JSON.parse(written)).toMatchObject({ ref: 'main', commit: repo.commit, git_url: repo.url });
    expect(python(AGE_DAYS, file)).toBe('3');
  });

  it('escapes non-ASCII characters the way Python’s json module does', async () => {
    const parent = await tempDir('unicode');
    const named = await makeModuleRepo(join(parent, 'dépôt-✓'), 'amplifier-module-tool-ü');
    const ctx = fetchContext(home);
    const sources = [{ url: named.url, ref: 'main' }];
    await ensureCheckouts(sources, await pinRefs(sources, ctx), ctx);
    const written = await readFile(join(layoutARepoDir(home, sources[0]!), '.amplifier_cache_meta.json'), 'utf8');
    expect(written).toContain('\\u00fc');
    expect(python(FOUNDATION_DUMP, written)).toBe(written);
    expect(JSON.parse(written).git_url).toBe(named.url);
  });

  it('rewrites a zone-suffixed cached_at left by an older run when it reuses the clone', async () => {
    const sources = [{ url: repo.url, ref: 'main' }];
    const first = fetchContext(home);
    await ensureCheckouts(sources, await pinRefs(sources, first), first);
    const file = join(layoutARepoDir(home, sources[0]!), '.amplifier_cache_meta.json');
    const old = { cached_at: new Date(Date.now() - 5 * DAY_MS).toISOString(), ref: 'main', commit: repo.commit };
    await writeFile(file, JSON.stringify({ ...old, git_url: repo.url }));

    const again = fetchContext(home);
    const [outcome] = await ensureCheckouts(sources, await pinRefs(sources, again), again);
    expect(outcome).toMatchObject({ origin: 'local-cache', error: null });
    const written = await readFile(file, 'utf8');
    expect(JSON.parse(written).cached_at).not.toMatch(/Z$|[+-]\d\d:\d\d$/);
    expect(python(AGE_DAYS, file)).toBe('5');
  });

  it('gives the clone directory the mode a plain git clone gets under the user’s umask (built CLI)', async () => {
    const profile = join(home, 'profile.yaml');
    await writeFile(profile, `profile: {name: p}\ntools:\n  - {module: tool-compat, source: "git+${repo.url}@main"}\n`);
    for (const umask of ['077', '027', '022']) {
      const cacheHome = join(home, `umask-${umask}`);
      const plainClone = join(home, `plain-${umask}`);
      const args = ['warm', '--profile', profile, '--home', cacheHome, '--workspace', home, '--format', 'json'];
      // The umask is a property of the process, so both the CLI and the reference clone run under a shell setting it.
      const underUmask = (command: string, commandArgs: readonly string[]) =>
        spawnSync('/bin/sh', ['-c', `umask ${umask} && exec "$@"`, 'sh', command, ...commandArgs], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: home },
        });
      const run = underUmask(process.execPath, [CLI, ...args]);
      expect(run.status, run.stderr).toBe(0);
      expect(underUmask('git', ['clone', '--quiet', '--depth', '1', repo.url, plainClone]).status).toBe(0);

      const clone = layoutARepoDir(cacheHome, { url: repo.url, ref: 'main' });
      expect(await git(clone, ['rev-parse', 'HEAD'])).toBe(repo.commit);
      const expected = 0o777 & ~Number.parseInt(umask, 8);
      expect((await modeOf(clone)).toString(8)).toBe(expected.toString(8));
      expect((await modeOf(clone)).toString(8)).toBe((await modeOf(plainClone)).toString(8));
      for (const inside of ['.git', 'pyproject.toml'])
        expect((await modeOf(join(clone, inside))).toString(8)).toBe(
          (await modeOf(join(plainClone, inside))).toString(8),
        );
    }
  });
});
