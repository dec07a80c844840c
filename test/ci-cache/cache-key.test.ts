import { describe, expect, it } from 'vitest';
import { cacheKey, cacheRestoreKey, type PinnedClone } from '../../src/ci-cache/cache-key.js';
import { InputError } from '../../src/errors.js';

const A: PinnedClone = { dir: 'amplifier-module-tool-a-0123456789abcdef', commit: 'a'.repeat(40) };
const B: PinnedClone = { dir: 'mono-fedcba9876543210', commit: 'b'.repeat(40) };

describe('cacheKey', () => {
  it('is the restore key followed by 64 hex, the same for the same clones in any order', () => {
    const key = cacheKey('amplifier-modules', 'Linux', [A, B]);
    expect(key).toMatch(/^amplifier-modules-Linux-[0-9a-f]{64}$/);
    expect(key.startsWith(cacheRestoreKey('amplifier-modules', 'Linux'))).toBe(true);
    expect(cacheKey('amplifier-modules', 'Linux', [B, A, B])).toBe(key);
  });

  it('changes when a commit or a clone directory changes, or a clone is added', () => {
    const key = cacheKey('p', 'Linux', [A, B]);
    const variants = [[{ ...A, commit: 'c'.repeat(40) }, B], [A, { ...B, dir: 'mono-0000000000000000' }], [A]];
    const keys = new Set(variants.map((clones) => cacheKey('p', 'Linux', clones)));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(key)).toBe(false);
  });

  it('separates operating systems', () => {
    expect(cacheKey('p', 'Linux', [A])).not.toBe(cacheKey('p', 'macOS', [A]));
  });

  it('ignores the letter case of a commit', () => {
    expect(cacheKey('p', 'Linux', [{ ...A, commit: 'A'.repeat(40) }])).toBe(cacheKey('p', 'Linux', [A]));
  });

  it('rejects a prefix with a comma or one that would make the key longer than 512 characters', () => {
    expect(() => cacheKey('a,b', 'Linux', [A])).toThrow(InputError);
    expect(() => cacheKey('x'.repeat(450), 'Linux', [A])).toThrow(/too long/);
    expect(cacheKey('x'.repeat(400), 'Linux', [A]).length).toBeLessThanOrEqual(512);
  });
});
