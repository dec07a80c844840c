/**
 * The contract every hostile input must meet, checked on the BUILT CLI: exit 2, one `error[code]: file:line: what`
 * line and a `fix:` line on stderr, nothing on stdout, no stack trace, no process started and not one byte
 * written anywhere in the sandbox (which holds HOME, the Amplifier home, TMPDIR and the workspace).
 */
import { expect } from 'vitest';
import type { CliRun } from '../helpers/run-cli.js';
import type { Sandbox, SandboxRunOptions } from '../helpers/sandbox.js';

export interface ExpectedRefusal {
  readonly code: string;
  readonly file: string;
  /** The 1-based line the error must name; null for errors about a whole path (no line exists). */
  readonly line: number | null;
  /** Text the message must contain (what is wrong). */
  readonly says?: string | RegExp;
}

const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

export function describeRun(run: CliRun): string {
  return `exit ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}

/** Runs `args` in the sandbox and checks the refusal contract; returns the run for further checks. */
export async function expectRefused(
  sandbox: Sandbox,
  args: readonly string[],
  expected: ExpectedRefusal,
  options: SandboxRunOptions = {},
): Promise<CliRun> {
  const before = await sandbox.snapshot();
  const run = sandbox.run(args, options);
  const shown = describeRun(run);
  expect(run.code, shown).toBe(2);
  const [first = '', ...rest] = run.stderr.split('\n');
  const where = expected.line === null ? `${expected.file}: ` : `${expected.file}:${expected.line}: `;
  expect(first, shown).toContain(`error[${expected.code}]: ${where}`);
  if (expected.says !== undefined) {
    if (typeof expected.says === 'string') expect(run.stderr, shown).toContain(expected.says);
    else expect(run.stderr, shown).toMatch(expected.says);
  }
  expect(
    rest.some((line) => /^ {2}fix: \S/.test(line)),
    shown,
  ).toBe(true);
  expect(run.stderr, shown).not.toMatch(STACK_FRAME);
  expect(run.stderr, shown).not.toContain('internal error');
  expect(run.stdout, shown).toBe('');
  expect(await sandbox.spawned(), 'no process may start for bad input').toEqual([]);
  expect(await sandbox.snapshot(), 'nothing may be written for bad input').toEqual(before);
  return run;
}

/** A profile file's text: YAML front matter made of `lines` (line 1 is `---`, so lines[0] is file line 2). */
export function profileText(...lines: string[]): string {
  return ['---', ...lines, '---', ''].join('\n');
}
