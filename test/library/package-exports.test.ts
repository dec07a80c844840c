/**
 * The package as a library, imported by its name through the `exports` map (the compiled lib/ a consumer gets): one
 * function per command, the report renderings, typed errors for every failure, and nothing else.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectValidOutput } from '../helpers/report-schema.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

describe("import from 'amplifier-modules'", () => {
  it('exports the documented entry points and nothing else', async () => {
    const lib = await import('amplifier-modules');
    expect(Object.keys(lib).sort()).toEqual([
      'COMMANDS',
      'InputError',
      'RuntimeFailure',
      'VERSION',
      'doctor',
      'formatInputError',
      'formatRuntimeFailure',
      'install',
      'isInputError',
      'isRuntimeFailure',
      'lock',
      'prune',
      'renderJobSummary',
      'renderText',
      'resolve',
      'runCommand',
      'verify',
      'warm',
    ]);
  });

  it('resolves the example profile in one call and renders it without extra arguments', async () => {
    const lib = await import('amplifier-modules');
    const report = await lib.resolve({ profiles: ['profiles/demo.md'], cwd: examples, home: '.no-home', env: {} });
    expect(report.ok).toBe(true);
    expectValidOutput(JSON.stringify(report), 'the library report');
    expect(report.modules.map((m) => [m.id, m.resolution.layer])).toEqual([
      ['loop-demo', 'profile'],
      ['context-demo', 'profile'],
      ['tool-greet', 'profile'],
      ['hooks-echo', 'profile'],
    ]);
    expect(lib.renderText(report)).toContain('resolve: 4 ok, 0 failed');
    expect(lib.renderJobSummary(report)).toContain('amplifier-modules resolve: 4 modules ok');
  });

  it('throws typed errors: a misspelt key, a bad command, a bad value, a missing file or namespace directory', async () => {
    const lib = await import('amplifier-modules');
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'no error',
        (error: unknown) =>
          error instanceof lib.InputError ? `${error.code} ${error.suggestion ?? ''}`.trim() : String(error),
      );
    expect(await codeOf(lib.verify({ profile: 'demo.md' } as never))).toBe('unknown-option profiles');
    expect(await codeOf(lib.runCommand('nope' as never))).toBe('unknown-command');
    expect(await codeOf(lib.verify({ installer: 'conda' } as never))).toBe('invalid-option');
    expect(await codeOf(lib.resolve({ fix: true } as never))).toBe('usage');
    expect(await codeOf(lib.resolve({ profiles: ['nowhere.md'], cwd: examples, env: {} }))).toBe('file-unreadable');
    // As the CLI refuses `--namespace f=./nope`: a directory the caller named that does not exist.
    expect(await codeOf(lib.resolve({ namespaces: { f: './nope' }, cwd: examples, env: {} }))).toBe('usage');
  });
});
