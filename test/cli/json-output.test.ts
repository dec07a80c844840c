/**
 * `--format json`: every outcome is one JSON document on stdout, usage errors in the command line itself included,
 * each matching the shipped schema (runBuiltCli checks that on every run; here the documents are also read).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectValidOutput } from '../helpers/report-schema.js';
import { runBuiltCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'am-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonRun(args: readonly string[]) {
  const run = runBuiltCli(args, { cwd: dir, env: { AMPLIFIER_HOME: join(dir, 'home') } });
  return { ...run, document: expectValidOutput(run.stdout) };
}

describe('--format json on every path', () => {
  it('an unknown flag: exit 2 and an error document, the message also on stderr', () => {
    const run = jsonRun(['resolve', '--format', 'json', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.document).toMatchObject({
      version: 1,
      command: 'resolve',
      ok: false,
      error: { code: 'unknown-option' },
    });
    expect(run.document.error?.message).toContain('--bogus');
    expect(run.stderr).toContain('error[unknown-option]');
  });

  it('an unknown command, an option the command does not take and a bad value (--format=json form too)', () => {
    const unknown = jsonRun(['frobnicate', '--format=json']);
    expect(unknown.code).toBe(2);
    expect(unknown.document).toMatchObject({ command: null, error: { message: "unknown command 'frobnicate'" } });
    const foreign = jsonRun(['resolve', '--fix', '--format', 'json']);
    expect(foreign.code).toBe(2);
    expect(foreign.document.error?.message).toBe('--fix does not apply to resolve');
    const badValue = jsonRun(['install', '--installer', 'conda', '--format', 'json']);
    expect(badValue.document.error?.fix).toBe('pass --installer auto|uv|pip');
  });

  it('bad input in a file: the error document names the file and line', () => {
    const profile = join(dir, 'bad.md');
    writeFileSync(profile, '---\nprofile: {name: bad}\ntools:\n  - 42\n---\n');
    const run = jsonRun(['resolve', '-p', profile, '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.document.error).toMatchObject({ code: 'invalid-type', file: profile, line: 4 });
  });

  it('a run that finds a failed module: exit 1 and the report', () => {
    const profile = join(dir, 'missing.md');
    writeFileSync(profile, '---\nprofile: {name: m}\ntools:\n  - {module: tool-gone, source: ./nowhere}\n---\n');
    const run = jsonRun(['resolve', '-p', profile, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.document).toMatchObject({ command: 'resolve', ok: false });
    expect(run.document.modules?.map((m) => [m.id, m.status])).toEqual([['tool-gone', 'unresolved']]);
  });

  it('a runtime failure (an interpreter that does not answer): exit 3 and an error document with the fix', () => {
    const profile = join(dir, 'ok.md');
    mkdirSync(join(dir, 'here', 'tool_here'), { recursive: true });
    writeFileSync(join(dir, 'here', 'pyproject.toml'), '[project]\nname = "tool-here"\nversion = "1"\n');
    writeFileSync(profile, '---\nprofile: {name: ok}\ntools:\n  - {module: tool-here, source: ./here}\n---\n');
    const run = jsonRun(['verify', '--no-install', '-p', profile, '--python', '/bin/false', '--format', 'json']);
    expect(run.code).toBe(3);
    expect(run.document).toMatchObject({ command: 'verify', ok: false, error: { code: 'python-failed' } });
    expect(run.document.error?.fix).toContain('--python');
  });
});
