/** The lock file format: rendering is sorted and stable; every problem in a lock names its line. */
import { describe, expect, it } from 'vitest';
import { describeDifference } from '../../src/lock/compare-lock.js';
import { parseLockFile, renderLockFile } from '../../src/lock/lock-file.js';
import { withoutUserinfo } from '../../src/secrets.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('lock file', () => {
  it('renders keys sorted at every level and reads back what it wrote', () => {
    const lock = {
      repositories: new Map([
        ['https://h/z@main', A],
        ['https://h/a@v1', B],
      ]),
      modules: new Map([
        [
          'tool-z',
          { layer: 'profile' as const, source: 'git+https://h/z@main#subdirectory=m', subdirectory: 'm', commit: A },
        ],
        ['tool-a', { layer: 'workspace' as const, source: '.amplifier/modules/tool-a' }],
      ]),
      includes: new Map<string, string>(),
    };
    const text = renderLockFile(lock);
    expect(text.indexOf('"tool-a"')).toBeLessThan(text.indexOf('"tool-z"'));
    expect(text.indexOf('"https://h/a@v1"')).toBeLessThan(text.indexOf('"https://h/z@main"'));
    expect(text.indexOf('"commit"')).toBeLessThan(text.indexOf('"subdirectory"'));
    expect(text.endsWith('}\n')).toBe(true);
    expect(renderLockFile(parseLockFile('x.lock', text))).toBe(text);
  });

  it('names the line of each problem', () => {
    const bad = (text: string) => {
      try {
        parseLockFile('x.lock', text);
      } catch (error) {
        const e = error as { code: string; line: number; message: string; fix: string };
        return { code: e.code, line: e.line, message: e.message, fix: e.fix };
      }
      throw new Error('parsed');
    };
    expect(bad('{\n  "version": 2\n}\n')).toMatchObject({ code: 'invalid-lock', line: 2 });
    expect(bad(`{\n  "version": 1,\n  "repositories": {\n    "u@main": "nope"\n  }\n}\n`)).toMatchObject({
      line: 4,
      message: "repositories entry 'u@main' is not a 40-hex commit",
    });
    expect(
      bad('{\n  "version": 1,\n  "modules": {\n    "tool-a": {"layer": "nowhere", "source": "x"}\n  }\n}'),
    ).toMatchObject({
      line: 4,
    });
    expect(bad('{\n  "version": 1,\n  oops\n}')).toMatchObject({ line: 3 });
    expect(bad('[]').fix).toContain('amplifier-modules lock');
  });

  it('removes every userinfo and words each difference on one line', () => {
    expect(withoutUserinfo('git+https://x-access-token:ghp_secret@github.com/o/r@main')).toBe(
      'git+https://github.com/o/r@main',
    );
    const entry = (source: string, layer: 'profile' | 'settings' = 'profile') => ({ layer, source });
    expect(describeDifference(entry('git+https://h/o/r@main'), entry('git+https://h/o/r@v1.2'))).toBe(
      'declared @main, locked @v1.2',
    );
    expect(describeDifference(entry('/abs/dir', 'settings'), entry('git+https://h/o/r@main'))).toBe(
      'resolved by the settings layer, locked from the declared source',
    );
    expect(describeDifference(entry('git+https://h/o/r@main'), entry('git+https://h/o/r@main'))).toBeNull();
  });

  it('a key written twice is bad input naming both lines, at any level', () => {
    const text = [
      '{',
      '  "repositories": {',
      `    "https://h/o/r@main": "${A}",`,
      `    "https://h/o/r@main": "${B}"`,
      '  },',
      '  "version": 1',
      '}',
    ].join('\n');
    expect(() => parseLockFile('x.lock', text)).toThrow(
      expect.objectContaining({
        code: 'invalid-lock',
        line: 4,
        message: expect.stringContaining("'https://h/o/r@main' is written twice in 'repositories' (lines 3 and 4)"),
      }),
    );
    const inModule = `{"version": 1, "modules": {"m": {"layer": "profile",\n"source": "x",\n"source": "y"}}}`;
    expect(() => parseLockFile('x.lock', inModule)).toThrow(
      expect.objectContaining({ line: 3, message: expect.stringContaining("in 'modules.m' (lines 2 and 3)") }),
    );
    // The same key in two different objects is no duplicate.
    expect(parseLockFile('x.lock', `{"version": 1, "includes": {"version": "${A}"}}`).includes.size).toBe(1);
  });

  it('a module entry whose commit disagrees with its repository pin is bad input naming both lines', () => {
    const text = [
      '{',
      '  "modules": {',
      '    "tool-a": {',
      `      "commit": "${A}",`,
      '      "layer": "profile",',
      '      "source": "git+https://user:secret@h/o/r@main#subdirectory=m"',
      '    }',
      '  },',
      '  "repositories": {',
      `    "https://h/o/r@main": "${B}"`,
      '  },',
      '  "version": 1',
      '}',
    ].join('\n');
    expect(() => parseLockFile('x.lock', text)).toThrow(
      expect.objectContaining({
        code: 'invalid-lock',
        line: 4,
        message: `module 'tool-a' (line 4) pins https://h/o/r@main to ${A}, but repositories entry 'https://h/o/r@main' (line 10) pins ${B}`,
      }),
    );
    expect(parseLockFile('x.lock', text.replace(B, A)).modules.size).toBe(1);
  });
});
