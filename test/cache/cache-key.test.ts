import { describe, expect, it } from 'vitest';
import { cacheKey, cacheRestoreKey, type PinnedModule } from '../../src/cache/cache-key.js';
import { InputError } from '../../src/errors.js';

const A: PinnedModule = {
  id: 'tool-a',
  type: 'git',
  url: 'https://github.com/org/amplifier-module-tool-a',
  commit: 'a'.repeat(40),
  subdirectory: null,
};
const B: PinnedModule = {
  id: 'tool-b',
  type: 'git',
  url: 'https://github.com/org/mono',
  commit: 'b'.repeat(40),
  subdirectory: 'modules/b',
};

describe('cacheKey', () => {
  it('is the restore key followed by 64 hex, the same for the same set in any order', () => {
    const key = cacheKey('amplifier-modules', 'Linux', 'X64', [A, B]);
    expect(key).toMatch(/^amplifier-modules-Linux-X64-[0-9a-f]{64}$/);
    expect(key.startsWith(cacheRestoreKey('amplifier-modules', 'Linux', 'X64'))).toBe(true);
    expect(cacheKey('amplifier-modules', 'Linux', 'X64', [B, A, B])).toBe(key);
  });

  it('changes when any commit, url, subdirectory or id changes, or a module is added', () => {
    const key = cacheKey('p', 'Linux', 'X64', [A, B]);
    const variants = [
      [{ ...A, commit: 'c'.repeat(40) }, B],
      [A, { ...B, subdirectory: 'modules/c' }],
      [A, { ...B, url: 'https://github.com/org/other' }],
      [{ ...A, id: 'tool-z' }, B],
      [A, B, { ...A, id: 'tool-a2' }],
      [A],
    ];
    const keys = new Set(variants.map((pinned) => cacheKey('p', 'Linux', 'X64', pinned)));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(key)).toBe(false);
  });

  it('separates operating systems and architectures', () => {
    expect(cacheKey('p', 'Linux', 'X64', [A])).not.toBe(cacheKey('p', 'macOS', 'ARM64', [A]));
  });

  it('ignores the letter case of a commit', () => {
    expect(cacheKey('p', 'Linux', 'X64', [{ ...A, commit: 'A'.repeat(40) }])).toBe(cacheKey('p', 'Linux', 'X64', [A]));
  });

  it('rejects a prefix with a comma or one that would make the key longer than 512 characters', () => {
    expect(() => cacheKey('a,b', 'Linux', 'X64', [A])).toThrow(InputError);
    expect(() => cacheKey('x'.repeat(440), 'Linux', 'X64', [A])).toThrow(/too long/);
    expect(cacheKey('x'.repeat(400), 'Linux', 'X64', [A]).length).toBeLessThanOrEqual(512);
  });
});
