/**
 * The compiled-code cache (Node 22.1+) lives in a directory of the user's own: made 0700, and refused when it is a
 * link, a file, writable by others, or owned by someone else (another user on a shared /tmp planting code).
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCacheDirName, privateCompileCacheDir } from '../../src/cli/compile-cache.js';

const uid = process.getuid?.() ?? null;
let base = '';
const fresh = (): string => {
  base = mkdtempSync(join(tmpdir(), 'am-compile-cache-'));
  return base;
};
afterEach(() => {
  if (base) rmSync(base, { recursive: true, force: true });
  base = '';
});

describe.skipIf(uid === null)('private compile cache directory', () => {
  const name = compileCacheDirName(uid);

  it('is made owner-only on first use, whatever the umask, and used again', () => {
    const dir = fresh();
    const previous = process.umask(0);
    try {
      expect(privateCompileCacheDir(dir, uid)).toBe(join(dir, name));
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(dir, name)).mode & 0o777).toBe(0o700);
    expect(privateCompileCacheDir(dir, uid)).toBe(join(dir, name));
  });

  it('is refused when others may write to it', () => {
    const dir = fresh();
    mkdirSync(join(dir, name));
    chmodSync(join(dir, name), 0o777);
    expect(privateCompileCacheDir(dir, uid)).toBeNull();
  });

  it('is refused when it is a link to another directory', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'elsewhere'), { mode: 0o700 });
    symlinkSync(join(dir, 'elsewhere'), join(dir, name));
    expect(privateCompileCacheDir(dir, uid)).toBeNull();
  });

  it('is refused when a file has its name', () => {
    const dir = fresh();
    writeFileSync(join(dir, name), '');
    expect(privateCompileCacheDir(dir, uid)).toBeNull();
  });

  it.skipIf(uid !== 0)('is refused when another user made it first', () => {
    const dir = fresh();
    mkdirSync(join(dir, name), { mode: 0o700 });
    chownSync(join(dir, name), 4242, 4242);
    expect(privateCompileCacheDir(dir, uid)).toBeNull();
  });

  it('is not made when the temporary directory is missing', () => {
    const dir = fresh();
    expect(privateCompileCacheDir(join(dir, 'missing'), uid)).toBeNull();
  });
});
