/**
 * A locked commit must be one the declared ref held: a commit that is only on another branch (as a commit pushed to a
 * fork is fetchable by id from the parent on GitHub) is refused with `lock-mismatch` naming both commits, and never
 * placed in the module cache. Real git repositories over file://.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutARepoDir } from '../../../src/source/cache-layout.js';
import { ensureCheckouts } from '../../../src/stages/fetch/ensure-checkouts.js';
import { pinRefs } from '../../../src/stages/fetch/pin.js';
import { commitFiles, git, makeModuleRepo, type TestRepo } from '../../helpers/git-repos.js';
import { fetchContext, tempDir } from './fetch-test-context.js';

let repo: TestRepo;
let onMain: string;
let imposter: string;

/** Warms `ref` with the lock pinning it to `commit`, in a fresh home. */
async function warmLocked(ref: string, commit: string) {
  const home = await tempDir('locked-home');
  const ctx = fetchContext(home, { lockedCommit: () => commit, frozen: true });
  const location = { url: repo.url, ref };
  const [outcome] = await ensureCheckouts([location], await pinRefs([location], ctx), ctx);
  return { outcome, dir: layoutARepoDir(home, location), ctx };
}

beforeAll(async () => {
  repo = await makeModuleRepo(await tempDir('locked-repos'), 'amplifier-module-tool-l');
  await git(repo.path, ['tag', 'v1']);
  await git(repo.path, ['checkout', '--quiet', '-b', 'fork-branch']);
  imposter = await commitFiles(repo.path, { 'payload.py': 'print("not on main")\n' }, 'only on another branch');
  await git(repo.path, ['checkout', '--quiet', 'main']);
  onMain = await commitFiles(repo.path, { 'CHANGELOG.md': 'second\n' }, 'second on main');
  await commitFiles(repo.path, { 'CHANGELOG.md': 'third\n' }, 'third on main');
});

describe('a locked commit is checked against the declared ref when it is fetched', () => {
  it('a commit main held (main moved on since) is fetched, without ls-remote', async () => {
    const { outcome, dir, ctx } = await warmLocked('main', onMain);
    expect(outcome).toMatchObject({ commit: onMain, error: null, origin: 'network' });
    expect(await git(dir, ['rev-parse', 'HEAD'])).toBe(onMain);
    expect(ctx.exec.count('ls-remote')).toBe(0);
    // The ref fetched for the check is not left in the clone.
    expect(await git(dir, ['for-each-ref'])).toBe('');
  });

  it('a commit only on another branch is a lock-mismatch naming both commits, and nothing is placed', async () => {
    const tip = await git(repo.path, ['rev-parse', 'main']);
    const { outcome, dir } = await warmLocked('main', imposter);
    expect(outcome?.code).toBe('lock-mismatch');
    expect(outcome?.error).toContain(imposter);
    expect(outcome?.error).toContain(tip);
    expect(existsSync(dir)).toBe(false);
  });

  it('a tag: only the tag commit passes', async () => {
    expect((await warmLocked('v1', repo.commit)).outcome).toMatchObject({ error: null, commit: repo.commit });
    const moved = await warmLocked('v1', onMain);
    expect(moved.outcome?.code).toBe('lock-mismatch');
    expect(moved.outcome?.error).toContain(`the tag 'v1' is ${repo.commit}`);
  });

  it('a ref that does not exist upstream cannot vouch for a locked commit', async () => {
    const { outcome } = await warmLocked('no-such-branch', repo.commit);
    expect(outcome?.code).toBe('lock-mismatch');
    expect(outcome?.error).toContain("no branch or tag 'no-such-branch'");
  });

  it('a declared commit is its own pin: no lock check', async () => {
    const { outcome } = await warmLocked(imposter, imposter);
    expect(outcome).toMatchObject({ error: null, commit: imposter });
  });
});
