import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  layoutAKey,
  layoutAPath,
  layoutARepoDir,
  layoutARepoName,
  parseLayoutADirName,
} from '../../src/source/cache-layout.js';

const HOME = '/home/u/.amplifier';

describe('layout A (REFERENCE 5 test vectors)', () => {
  it.each([
    ['https://github.com/microsoft/amplifier-module-tool-bash', 'main', 'amplifier-module-tool-bash-813c080b4c271b81'],
    [
      'https://github.com/microsoft/amplifier-module-provider-anthropic',
      'main',
      'amplifier-module-provider-anthropic-5181591dcf06d076',
    ],
    ['https://github.com/microsoft/amplifier-foundation', 'main', 'amplifier-foundation-c909465861f9d6ce'],
    ['https://github.com/org/repo', 'main', 'repo-7933317bcbd5d4f1'],
    [
      'https://github.com/microsoft/amplifier-module-hooks-approval',
      'main',
      'amplifier-module-hooks-approval-c15372efe0374c60',
    ],
  ])('%s@%s -> %s', (url, ref, dirName) => {
    expect(layoutARepoDir(HOME, { url, ref })).toBe(join(HOME, 'cache', dirName));
    expect(layoutAPath(HOME, { url, ref, subdirectory: null })).toBe(join(HOME, 'cache', dirName));
  });

  it('appends the subdirectory but leaves it out of the key', () => {
    const source = { url: 'https://github.com/microsoft/amplifier-foundation', ref: 'main' };
    expect(layoutAPath(HOME, { ...source, subdirectory: 'modules/tool-delegate' })).toBe(
      join(HOME, 'cache', 'amplifier-foundation-c909465861f9d6ce', 'modules', 'tool-delegate'),
    );
    expect(layoutAKey(source)).toBe('c909465861f9d6ce');
  });

  it('hashes the url with its userinfo and the ref, as upstream builds it', () => {
    const url = 'ssh://git@github.com/org/repo';
    const expected = createHash('sha256').update(`${url}@v1.2`).digest('hex').slice(0, 16);
    expect(layoutAKey({ url, ref: 'v1.2' })).toBe(expected);
    expect(layoutAKey({ url, ref: 'v1.2' })).not.toBe(layoutAKey({ url: 'ssh://github.com/org/repo', ref: 'v1.2' }));
  });

  it('keeps a trailing .git in the directory name and ignores trailing slashes', () => {
    expect(layoutARepoName('https://host/org/repo.git')).toBe('repo.git');
    expect(layoutARepoName('https://host/org/repo/')).toBe('repo');
    expect(layoutARepoName('file:///tmp/x/my-repo')).toBe('my-repo');
  });

  it('treats a git+ prefix the same as the bare url', () => {
    expect(layoutAKey({ url: 'git+https://github.com/org/repo', ref: 'main' })).toBe('7933317bcbd5d4f1');
  });

  it('gives every ref its own directory', () => {
    const url = 'https://github.com/org/repo';
    expect(layoutAKey({ url, ref: 'main' })).not.toBe(layoutAKey({ url, ref: 'dev' }));
  });
});

describe('parseLayoutADirName', () => {
  it('splits a layout-A name into repo and hash', () => {
    expect(parseLayoutADirName('amplifier-module-tool-bash-813c080b4c271b81')).toEqual({
      repo: 'amplifier-module-tool-bash',
      hash: '813c080b4c271b81',
    });
  });

  it.each(['7933317bcbd5', 'modules', 'repo-813C080B4C271B81', 'repo-813c080b4c271b8', '-813c080b4c271b81'])(
    'rejects %s',
    (name) => {
      expect(parseLayoutADirName(name)).toBeNull();
    },
  );

  it('round-trips with layoutARepoDir', () => {
    const dir = layoutARepoDir(HOME, { url: 'https://github.com/org/amplifier-x', ref: 'feat/y' });
    const name = dir.slice(join(HOME, 'cache').length + 1);
    expect(parseLayoutADirName(name)).toEqual({
      repo: 'amplifier-x',
      hash: layoutAKey({ url: 'https://github.com/org/amplifier-x', ref: 'feat/y' }),
    });
  });
});
