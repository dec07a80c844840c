/**
 * The runner helper itself, against a tiny action written with the real @actions/core: inputs arrive as
 * INPUT_<NAME> with hyphens kept, outputs and state come back through the toolkit's heredoc files, and post sees
 * main's state as STATE_<name>.
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inputVariable,
  parseFileCommands,
  parseWorkflowCommands,
  REPO_ROOT,
  runBundledAction,
} from '../helpers/runner.js';

let dir: string;
let mainScript: string;
let postScript: string;

beforeAll(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'am-runner-test-'));
  const core = pathToFileURL(join(REPO_ROOT, 'node_modules', '@actions', 'core', 'lib', 'core.js')).href;
  mainScript = join(dir, 'main.mjs');
  postScript = join(dir, 'post.mjs');
  await fsp.writeFile(
    mainScript,
    [
      `import * as core from ${JSON.stringify(core)};`,
      "const prefix = core.getInput('cache-key-prefix');",
      "core.setOutput('echo', prefix);",
      "core.setOutput('multi', 'line one\\nline two');",
      "core.saveState('paths', JSON.stringify(['/a b', '/c']));",
      "core.error('broken module\\nsecond line', { title: 'x: y', file: 'profiles/a,b.md', startLine: 7 });",
      "await core.summary.addRaw('# summary from main').write();",
      "if (prefix === 'fail') core.setFailed('asked to fail');",
    ].join('\n'),
  );
  await fsp.writeFile(
    postScript,
    [
      `import * as core from ${JSON.stringify(core)};`,
      "core.info('post saw ' + core.getState('paths') + ' and ' + core.getInput('cache-key-prefix'));",
    ].join('\n'),
  );
});

afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe('runBundledAction', () => {
  it('passes inputs, collects outputs, state, summary and annotations, then runs post with the state', async () => {
    const run = await runBundledAction({
      inputs: { 'cache-key-prefix': 'pfx' },
      workspace: dir,
      mainScript,
      postScript,
    });
    expect(run.main.code).toBe(0);
    expect(run.outputs).toEqual({ echo: 'pfx', multi: 'line one\nline two' });
    expect(JSON.parse(run.state.paths ?? '')).toEqual(['/a b', '/c']);
    expect(run.summary).toContain('# summary from main');
    const errors = run.commands.filter((command) => command.command === 'error');
    expect(errors).toEqual([
      {
        command: 'error',
        properties: { title: 'x: y', file: 'profiles/a,b.md', line: '7' },
        message: 'broken module\nsecond line',
      },
    ]);
    expect(run.post?.code).toBe(0);
    expect(run.post?.stdout).toContain('post saw ["/a b","/c"] and pfx');
  });

  it('skips post when main fails, as post-if: success() does', async () => {
    const run = await runBundledAction({
      inputs: { 'cache-key-prefix': 'fail' },
      workspace: dir,
      mainScript,
      postScript,
    });
    expect(run.main.code).toBe(1);
    expect(run.post).toBeNull();
    expect(run.commands.some((command) => command.command === 'error' && command.message === 'asked to fail')).toBe(
      true,
    );
  });
});

describe('runner formats', () => {
  it('names inputs like the runner', () => {
    expect(inputVariable('cache-key-prefix')).toBe('INPUT_CACHE-KEY-PREFIX');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });

  it('parses heredoc and plain file commands', () => {
    const text = 'a<<ghadelimiter_1\nx\n\ny\nghadelimiter_1\nb=plain=value\nc<<EOF\n\nEOF\n';
    expect(parseFileCommands(text)).toEqual({ a: 'x\n\ny', b: 'plain=value', c: '' });
    expect(() => parseFileCommands('a<<END\nno end\n')).toThrow(/unterminated/);
  });

  it('parses workflow commands with escaped properties and data', () => {
    expect(
      parseWorkflowCommands('noise\n::warning file=a%3Ab.md,line=3::50%25 done%0Anext\n::add-mask::secret'),
    ).toEqual([
      { command: 'warning', properties: { file: 'a:b.md', line: '3' }, message: '50% done\nnext' },
      { command: 'add-mask', properties: {}, message: 'secret' },
    ]);
  });
});
