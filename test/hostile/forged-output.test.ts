/**
 * Nothing a file name, path, git or pip says can forge output: through the built CLI and the bundled action (run as
 * the runner runs it), a profile whose file name holds line breaks followed by workflow commands, and terminal escape
 * sequences, is shown with its control characters escaped, and no line of it is a workflow command. A runner's step
 * file that cannot be written is one runtime failure, and the run's findings still reach the log and annotations.
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printable, printableDeep, terminalSafeJson, withoutWorkflowCommands } from '../../src/printable.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { type ActionRun, runBundledAction } from '../helpers/runner.js';

const HOSTILE_NAME =
  'evil\n::error file=forged.py,line=1::FORGED annotation\n::stop-commands::tok3n\n##[add-mask]mask\n\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil.md';
const PROFILE = ['---', 'profile:', '  name: evil', 'tools:', '  - module: tool-nowhere', '---', ''].join('\n');

let root: string;
let workspace: string;

/** Every way a terminal or a runner could be told something: raw control characters, or a command line. */
function forgeries(text: string): string[] {
  const found: string[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
  for (const match of text.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/g)) {
    found.push(`raw U+${match[0].charCodeAt(0).toString(16)}`);
  }
  for (const line of text.split('\n')) {
    if (/^\s*::(error file=forged|stop-commands|add-mask::mask)/.test(line) || line.includes('##[add-mask]'))
      found.push(line);
  }
  return found;
}

beforeAll(async () => {
  root = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'am-forged-')));
  workspace = join(root, 'ws');
  await fsp.mkdir(join(workspace, '.amplifier', 'profiles'), { recursive: true });
  await fsp.writeFile(join(workspace, '.amplifier', 'profiles', HOSTILE_NAME), PROFILE);
  await fsp.writeFile(join(workspace, '.amplifier', 'profiles', 'plain.md'), PROFILE.replace('evil', 'plain'));
});

afterAll(async () => {
  if (root) await fsp.rm(root, { recursive: true, force: true });
});

describe('printable text', () => {
  it('shows control and format characters as escapes, keeping newlines only in prose', () => {
    expect(printable('a\u001b[2Jb\u0007\r\u009b\u202e\n')).toBe('a\\x1b[2Jb\\x07\\r\\x9b\\u{202e}\\n');
    expect(printable('line one\nline two\t.', true)).toBe('line one\nline two\t.');
    expect(printableDeep({ path: 'a\nb', findings: [{ message: 'x\ny\u001b' }] })).toEqual({
      path: 'a\\nb',
      findings: [{ message: 'x\ny\\x1b' }],
    });
    const json = terminalSafeJson(JSON.stringify({ p: 'a\u009bb\u202e ##[x]' }));
    expect(json).toBe('{"p":"a\\u009bb\\u202e ##\\u005bx]"}');
    expect(JSON.parse(json)).toEqual({ p: 'a\u009bb\u202e ##[x]' });
  });

  it('a line that would be a workflow command keeps its text and loses its meaning', () => {
    expect(withoutWorkflowCommands('ok\n  ::error::x\nsee ::notice:: here ##[group]y')).toBe(
      'ok\n  %3A:error::x\nsee ::notice:: here ##%5Bgroup]y',
    );
  });
});

describe('the CLI', () => {
  it('prints hostile profile file names escaped, in text and in JSON', () => {
    const text = runBuiltCli(['resolve', '--workspace', workspace, '--home', join(root, 'home')]);
    expect(text.code).toBe(1);
    const all = `${text.stdout}${text.stderr}`;
    expect(forgeries(all)).toEqual([]);
    expect(all).toContain('evil\\n::error file=forged.py');
    expect(all).toContain('\\x1b]0;pwned\\x07');

    const json = runBuiltCli(['resolve', '--workspace', workspace, '--home', join(root, 'home'), '--format', 'json']);
    expect(forgeries(`${json.stdout}${json.stderr}`)).toEqual([]);
    const declared = (JSON.parse(json.stdout) as { modules: { declaredAt: { file: string } }[] }).modules;
    expect(declared.map((m) => m.declaredAt.file)).toContain(join(workspace, '.amplifier', 'profiles', HOSTILE_NAME));
  });
});

describe('the bundled action', () => {
  const run = (stepFiles?: { output?: string; summary?: string }): Promise<ActionRun> =>
    runBundledAction({
      inputs: { command: 'resolve', cache: 'false', 'amplifier-home': join(root, 'home') },
      workspace,
      post: 'never',
      stepFiles,
    });

  it('logs, annotates and summarises hostile file names without a forged command or a raw escape', async () => {
    const result = await run();
    expect(result.main.code).toBe(1);
    expect(forgeries(result.main.stdout)).toEqual([]);
    // The summary is Markdown, not the log: only raw control characters could do harm there.
    expect(forgeries(result.summary).filter((found) => found.startsWith('raw'))).toEqual([]);
    expect(
      result.commands
        .map((c) => c.command)
        .filter((c) => !['group', 'endgroup', 'error', 'warning', 'debug'].includes(c)),
    ).toEqual([]);
    // The annotations are the action's own: one per failed declaration, plus the job-level failure.
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors.every((c) => !c.properties.file || c.properties.file.startsWith('.amplifier/profiles/'))).toBe(true);
    expect(errors.filter((c) => c.properties.title?.includes('tool-nowhere'))).toHaveLength(2);
    // A command's own message is data (the runner shows it, line breaks and all): no raw escape may reach it.
    for (const command of result.commands) {
      expect(forgeries(command.message).filter((found) => found.startsWith('raw'))).toEqual([]);
      expect(command.message).not.toContain('##[');
    }
    expect(JSON.parse(result.outputs.modules ?? '')).toHaveLength(2);
  });

  it('an unwritable GITHUB_OUTPUT or summary is one runtime failure; the findings still reach log and annotations', async () => {
    const unwritable = join(root, 'a-directory');
    await fsp.mkdir(unwritable, { recursive: true });
    for (const stepFiles of [{ output: unwritable }, { summary: unwritable }]) {
      const result = await run(stepFiles);
      expect(result.main.code).toBe(1);
      const all = `${result.main.stdout}${result.main.stderr}`;
      expect(all).not.toContain('this is a bug');
      expect(all).not.toContain('internal');
      expect(all).toMatch(/FAIL tool-nowhere/);
      const errors = result.commands.filter((c) => c.command === 'error');
      expect(errors.some((c) => c.properties.title?.includes('tool-nowhere') && c.properties.line === '5')).toBe(true);
      const failure = errors.filter((c) => c.message.includes("the runner's step file"));
      expect(failure).toHaveLength(1);
      expect(failure[0]?.message).toContain(stepFiles.output ? 'GITHUB_OUTPUT' : 'GITHUB_STEP_SUMMARY');
      expect(failure[0]?.message).toContain(unwritable);
    }
  });
});
