/**
 * The lock file at scale: a slow test (the `.slow.test.ts` name puts it in the slow tier, see vitest.config.ts), as it
 * builds and reads a lock of about 14 MB.
 */
import { describe, expect, it } from 'vitest';
import { parseLockFile, renderLockFile } from '../../src/lock/lock-file.js';

const A = 'a'.repeat(40);

describe('lock file size', () => {
  // 40,000 entries (about 14 MB) took longer than 35 s when each entry's line was searched from the start.
  it('reads a lock of 40,000 entries in time linear in its size', { timeout: 20_000 }, () => {
    const modules = new Map<string, { layer: 'profile'; source: string; commit: string }>();
    const repositories = new Map<string, string>();
    for (let index = 0; index < 40_000; index += 1) {
      const url = `https://h/o/amplifier-module-tool-${index}`;
      modules.set(`tool-${index}`, { layer: 'profile', source: `git+${url}@main`, commit: A });
      repositories.set(`${url}@main`, A);
    }
    const text = renderLockFile({ repositories, modules, includes: new Map() });
    expect(parseLockFile('x.lock', text).modules.size).toBe(40_000);
    const late = text.replace('"tool-39999": {\n      "commit": "aaaa', '"tool-39999": {\n      "commit": "zzzz');
    const line = text.slice(0, text.indexOf('"tool-39999"')).split('\n').length;
    expect(() => parseLockFile('x.lock', late)).toThrow(expect.objectContaining({ line }));
  });
});
