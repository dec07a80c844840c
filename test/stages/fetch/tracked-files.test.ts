/**
 * Is a cached clone whole? Asked of real git (`ls-files --deleted`) in temporary repositories: a deleted tracked file,
 * a sparse checkout, a clone swapped while git reads it, and a clone whose own config is hostile.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { nodeExec } from '../../../src/ports/node-exec.js';
import { nodeFileSystem } from '../../../src/ports/node-fs.js';
import type { Exec } from '../../../src/ports.js';
import { inspectClone } from '../../../src/stages/fetch/clone-state.js';
import { git, makeModuleRepo, type TestRepo } from '../../helpers/git-repos.js';
import { countingExec, tempDir } from './fetch-test-context.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };

let root: string;
let repo: TestRepo;
let clone: string;

beforeEach(async () => {
  root = await tempDir('tracked');
  repo = await makeModuleRepo(root, 'amplifier-module-tracked', {
    'docs/guide.md': 'guide\n',
    'extras/data.txt': 'data\n',
  });
  clone = join(root, 'clone');
  await git(root, ['clone', '--quiet', repo.path, clone]);
});

function inspect(exec: Exec = nodeExec) {
  return inspectClone({ fs: nodeFileSystem, exec, env }, clone);
}

describe('inspectClone asks git whether every tracked file is there', () => {
  it('a whole clone is valid, for one git process', async () => {
    const exec = countingExec();
    expect(await inspect(exec)).toEqual({ kind: 'valid', head: repo.commit });
    expect(exec.count('ls-files')).toBe(1);
    expect(exec.count()).toBe(1);
  });

  it('a deleted tracked file makes the clone incomplete, named', async () => {
    await rm(join(clone, 'docs'), { recursive: true });
    expect(await inspect()).toEqual({
      kind: 'invalid',
      reason: 'incomplete: the tracked file docs/guide.md is missing',
    });
  });

  it('files a sparse checkout leaves out are not missing', async () => {
    await git(clone, ['sparse-checkout', 'set', '--cone', 'docs']);
    expect(existsSync(join(clone, 'extras', 'data.txt'))).toBe(false);
    expect(await inspect()).toEqual({ kind: 'valid', head: repo.commit });
    // A file the sparse checkout keeps is still checked.
    await rm(join(clone, 'docs', 'guide.md'));
    expect(await inspect()).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('docs/guide.md') });
  });

  it('a clone renamed away while git reads it is not whole, and nothing throws', async () => {
    const swapping: Exec = {
      async run(command, args, options) {
        await rename(clone, `${clone}.aside`);
        try {
          return await nodeExec.run(command, args, options);
        } finally {
          await rename(`${clone}.aside`, clone);
        }
      },
    };
    expect(await inspect(swapping)).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/^incomplete: /) });
  });

  it('an index git cannot read is not whole', async () => {
    await writeFile(join(clone, '.git', 'index'), 'DIRC not an index');
    expect(await inspect()).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('git could not list') });
  });

  it('a .git file is not followed: git is not asked about another repository', async () => {
    await rename(join(clone, '.git'), join(root, 'elsewhere.git'));
    await writeFile(join(clone, '.git'), `gitdir: ${join(root, 'elsewhere.git')}\n`);
    const exec = countingExec();
    expect(await inspect(exec)).toEqual({ kind: 'valid', head: repo.commit });
    expect(exec.count()).toBe(0);
  });
});

describe("a restored clone's hostile .git/config runs nothing and redirects nothing", () => {
  it('ignores core.fsmonitor, hooks, filters, core.worktree and what an include sets', async () => {
    const marker = join(root, 'ran');
    const script = join(root, 'evil.sh');
    await writeFile(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat >/dev/null\n`);
    await chmod(script, 0o755);
    const hooks = join(root, 'hooks');
    await mkdir(hooks);
    for (const hook of ['post-index-change', 'post-checkout', 'pre-commit']) {
      await writeFile(join(hooks, hook), `#!/bin/sh\n'${script}' ${hook}\n`);
      await chmod(join(hooks, hook), 0o755);
    }
    const included = join(root, 'included.config');
    await writeFile(included, `[core]\n\tfsmonitor = ${script}\n`);
    const emptyTree = join(root, 'empty-tree');
    await mkdir(emptyTree);
    const config = join(clone, '.git', 'config');
    await git(clone, ['config', 'core.fsmonitor', script]);
    await git(clone, ['config', 'core.hooksPath', hooks]);
    await git(clone, ['config', 'filter.evil.clean', script]);
    await git(clone, ['config', 'filter.evil.smudge', script]);
    await git(clone, ['config', 'filter.evil.process', script]);
    await git(clone, ['config', 'core.untrackedCache', 'true']);
    await git(clone, ['config', '--add', 'include.path', included]);
    await writeFile(join(clone, '.git', 'info', 'attributes'), '* filter=evil\n');
    // Plain git in this clone does run the script: the hostile config is live.
    await git(clone, ['ls-files', '--deleted', '-z']);
    expect(existsSync(marker)).toBe(true);
    await rm(marker);
    // And a work tree elsewhere would make every file look deleted to plain git.
    await git(clone, ['config', 'core.worktree', emptyTree]);
    expect(existsSync(config)).toBe(true);

    expect(await inspect()).toEqual({ kind: 'valid', head: repo.commit });
    expect(existsSync(marker)).toBe(false);
    await rm(join(clone, 'extras', 'data.txt'));
    expect(await inspect()).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('extras/data.txt') });
    expect(existsSync(marker)).toBe(false);
  });
});
