/**
 * The integrity check on real clones made by the fetch code: pristine passes; every kind of change a later step
 * could make (tracked edit with the same size and time, removal, untracked or ignored addition, a compiled .pyc,
 * a mode change, a hook, a config key that runs code, a swapped object) is named.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type CloneIntegrity, checkCloneIntegrity, configKeys } from '../../src/ci-cache/clone-integrity.js';
import { nodeWorkingTree } from '../../src/ci-cache/working-tree.js';
import { nodeExec } from '../../src/ports/node-exec.js';
import { nodeFileSystem } from '../../src/ports/node-fs.js';
import { cloneAtCommit } from '../../src/stages/fetch/clone-at-commit.js';
import { git, makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { fetchContext, tempDir } from '../stages/fetch/fetch-test-context.js';

const ports = {
  fs: nodeFileSystem,
  exec: nodeExec,
  env: { PATH: process.env.PATH, HOME: process.env.HOME },
  tree: nodeWorkingTree,
  platform: process.platform,
};

let repo: TestRepo;
let clone: string;

beforeEach(async () => {
  const root = await tempDir('integrity');
  repo = await makeModuleRepo(root, 'amplifier-module-tool-pure', {
    '.gitignore': '__pycache__/\n*.egg-info/\n',
    'bin/run.sh': '#!/bin/sh\necho hi\n',
    'docs/guide.md': 'guide\n',
  });
  await git(repo.path, ['update-index', '--chmod=+x', 'bin/run.sh']);
  await git(repo.path, ['commit', '--quiet', '-m', 'exec bit']);
  repo = { ...repo, commit: await git(repo.path, ['rev-parse', 'HEAD']) };
  clone = join(root, 'cache', 'amplifier-module-tool-pure-0123456789abcdef');
  await fsp.mkdir(clone, { recursive: true });
  const made = await cloneAtCommit(
    fetchContext(join(root, 'home')),
    { url: repo.url, ref: 'main' },
    repo.commit,
    clone,
  );
  expect(made).toEqual({ ok: true, value: undefined });
});

function check(): Promise<CloneIntegrity> {
  return checkCloneIntegrity(ports, clone, repo.commit);
}

describe('checkCloneIntegrity', () => {
  it('a fresh clone (with the module cache metadata file) is pristine', async () => {
    expect(await fsp.readdir(clone)).toContain('.amplifier_cache_meta.json');
    expect(await check()).toEqual({ pristine: true });
  });

  it('a tracked edit that keeps size and modification time is found', async () => {
    const file = join(clone, 'amplifier_module_tool_pure', '__init__.py');
    const before = await fsp.stat(file);
    const text = await fsp.readFile(file, 'utf8');
    await fsp.writeFile(file, text.replace('return None', 'return 1234'));
    await fsp.utimes(file, before.atime, before.mtime);
    expect(await check()).toEqual({ pristine: false, reason: 'amplifier_module_tool_pure/__init__.py (modified)' });
  });

  it('an ignored compiled file and an untracked file are additions', async () => {
    await fsp.mkdir(join(clone, 'amplifier_module_tool_pure', '__pycache__'));
    await fsp.writeFile(join(clone, 'amplifier_module_tool_pure', '__pycache__', '__init__.cpython-311.pyc'), 'x');
    await fsp.writeFile(join(clone, 'notes.txt'), 'x');
    const result = await check();
    expect(result.pristine).toBe(false);
    expect(!result.pristine && result.reason).toContain('amplifier_module_tool_pure/__pycache__ (added)');
    expect(!result.pristine && result.reason).toContain('notes.txt (added)');
  });

  it('before saving (untracked: collect), additions are listed, while a tracked edit still differs', async () => {
    await fsp.mkdir(join(clone, 'amplifier_module_tool_pure.egg-info'));
    await fsp.writeFile(join(clone, 'amplifier_module_tool_pure.egg-info', 'PKG-INFO'), 'x');
    await fsp.mkdir(join(clone, 'build', 'lib'), { recursive: true });
    await fsp.mkdir(join(clone, 'amplifier_module_tool_pure', '__pycache__'));
    const collect = { untracked: 'collect' } as const;
    expect(await checkCloneIntegrity(ports, clone, repo.commit, collect)).toEqual({
      pristine: true,
      untracked: expect.arrayContaining([
        'amplifier_module_tool_pure.egg-info',
        'build',
        'amplifier_module_tool_pure/__pycache__',
      ]),
    });
    await fsp.appendFile(join(clone, 'docs', 'guide.md'), 'more\n');
    expect(await checkCloneIntegrity(ports, clone, repo.commit, collect)).toEqual({
      pristine: false,
      reason: 'docs/guide.md (modified)',
    });
  });

  it('a removed file, a removed directory and a changed executable bit are found', async () => {
    await fsp.rm(join(clone, 'docs'), { recursive: true });
    await fsp.chmod(join(clone, 'bin', 'run.sh'), 0o644);
    const result = await check();
    expect(!result.pristine && result.reason).toContain('docs/guide.md (removed)');
    if (process.platform !== 'win32') expect(!result.pristine && result.reason).toContain('bin/run.sh (mode changed)');
  });

  it('a hook or a config key that runs code makes the clone differ', async () => {
    await fsp.mkdir(join(clone, '.git', 'hooks'), { recursive: true });
    await fsp.writeFile(join(clone, '.git', 'hooks', 'post-checkout'), '#!/bin/sh\n');
    expect(await check()).toEqual({ pristine: false, reason: '.git/hooks/post-checkout was added' });
    await fsp.rm(join(clone, '.git', 'hooks', 'post-checkout'));
    await git(clone, ['config', 'core.fsmonitor', 'touch /tmp/pwned']);
    expect(await check()).toEqual({ pristine: false, reason: '.git/config sets core.fsmonitor' });
  });

  it('a HEAD moved to another commit is not the pinned one', async () => {
    await fsp.writeFile(join(clone, '.git', 'HEAD'), `${'0'.repeat(40)}\n`);
    expect(await check()).toEqual({ pristine: false, reason: `HEAD is ${'0'.repeat(40)}, not ${repo.commit}` });
  });

  it('a replacement object cannot make edited files look pinned', async () => {
    const file = join(clone, 'docs', 'guide.md');
    await fsp.writeFile(file, 'poisoned\n');
    // Make the edit the content of a new tree and tell git to read the pinned commit as one holding it.
    await git(clone, ['add', '-A']);
    const tree = await git(clone, ['write-tree']);
    const fake = await git(clone, ['commit-tree', tree, '-m', 'fake']);
    await git(clone, ['replace', repo.commit, fake]);
    await git(clone, ['read-tree', repo.commit]);
    const result = await check();
    expect(result.pristine).toBe(false);
    expect(!result.pristine && result.reason).toContain('docs/guide.md (modified)');
  });
});

describe('configKeys', () => {
  it('lists section.key names and refuses what is not plain', () => {
    expect(configKeys('[core]\n\tbare = false\n[remote "origin"]\n\turl = x\n')).toEqual([
      'core.bare',
      'remote.origin.url',
    ]);
    expect(configKeys('[core]\n  bare = false\nnot a key line\n')).toBeNull();
  });
});
