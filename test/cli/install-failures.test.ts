/**
 * An install failure as a user sees it from the built CLI: a module built with hatchling's default editable mode,
 * declared by the session and by two agents, in an environment without `editables`. The text output has ONE
 * failure block for it that lists every place declaring it, names the root cause (not pip's closing `hint:`),
 * and prints a fix whose command reproduces the failure; the other module is installed and ok.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeModuleProject } from '../helpers/python-projects.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';
import { describeRun, profileText } from '../hostile/refusal.js';

let sb: Sandbox;
let venv: TestVenv;

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  venv = await createVenv(sb.root);
  await writeModuleProject(join(sb.workspace, 'mods', 'tool-shared'), {
    id: 'tool-shared',
    backend: 'hatchling',
    hatchlingDefaultEditable: true,
  });
  await writeModuleProject(join(sb.workspace, 'mods', 'tool-fine'), { id: 'tool-fine', backend: 'setuptools-flat' });
  const shared = '{module: tool-shared, source: ./mods/tool-shared}';
  await sb.write(
    'bundle.md',
    profileText(
      'bundle: {name: kit, version: 1.0.0}',
      'tools:',
      `  - ${shared}`,
      '  - {module: tool-fine, source: ./mods/tool-fine}',
      'agents:',
      '  scout:',
      `    tools: [${shared}]`,
      '  helper:',
      `    tools: [${shared}]`,
    ),
  );
});

afterAll(async () => {
  await sb.cleanup();
});

function verify(format: 'text' | 'json') {
  const args = ['verify', '-p', 'bundle.md', '--python', venv.python, '--installer', 'pip', '--format', format];
  return sb.run([...args, ...OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`)], {
    env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' },
  });
}

describe('an install failure shared by the session and its agents (built CLI)', () => {
  it('is one failure block naming the root cause, every declaration and a fix that reproduces it', () => {
    const run = verify('text');
    expect(run.code, describeRun(run)).toBe(1);
    const blocks = run.stdout.split('\n\n').filter((block) => block.startsWith('tool-shared: install-failed'));
    expect(blocks).toHaveLength(1);
    const block = blocks[0] ?? '';
    expect(block.match(/^ {2}declared at .*bundle\.md:\d+.*$/gm)).toEqual([
      expect.stringMatching(/bundle\.md:4$/),
      expect.stringMatching(/bundle\.md:8 \(agent scout\)$/),
      expect.stringMatching(/bundle\.md:10 \(agent helper\)$/),
    ]);
    expect(block).toContain(
      "finding install-failed: the build imports 'editables', which is not installed where the build runs",
    );
    expect(block).toContain("ModuleNotFoundError: No module named 'editables'");
    expect(block).not.toMatch(/hint:|See above for/);
    expect(run.stdout).toMatch(/^ok +tool-fine /m);
    // Counted in modules: tool-shared is one module, declared three times.
    expect(run.stdout).toMatch(/verify: 1 ok, 1 failed \(2 modules, 4 declarations\)/);

    // The printed command fails the same way when the user runs it.
    const command = /reproduce with: (.+)$/m.exec(block)?.[1] ?? '';
    const words = command.split(' ');
    expect(words[0]).toBe(venv.python);
    const again = spawnSync(words[0] ?? '', words.slice(1), { encoding: 'utf8' });
    expect(again.status).not.toBe(0);
    expect(`${again.stdout}${again.stderr}`).toContain("No module named 'editables'");
  });

  it('keeps one report entry per declaration in the JSON report', () => {
    const run = verify('json');
    const report = JSON.parse(run.stdout) as { modules: { id: string; agent: string | null; status: string }[] };
    expect(report.modules.map((m) => [m.id, m.agent, m.status])).toEqual([
      ['tool-shared', null, 'install-failed'],
      ['tool-fine', null, 'ok'],
      ['tool-shared', 'scout', 'install-failed'],
      ['tool-shared', 'helper', 'install-failed'],
    ]);
  });
});
