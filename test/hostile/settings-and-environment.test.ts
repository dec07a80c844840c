/**
 * Wrongly shaped or malicious settings files (every scope), environment overrides pointing at things that are not
 * module directories, and workspace module directories that lead out of the workspace.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeRun, expectRefused, profileText } from './refusal.js';

let sb: Sandbox;
let cases = 0;
beforeAll(async () => {
  sb = await createSandbox();
});
afterAll(async () => {
  await sb.cleanup();
});

/** A fresh project dir in the sandbox with one profile declaring tool-a (source ./mod-a, which exists). */
async function project(): Promise<string> {
  cases += 1;
  const ws = join(sb.root, `project-${cases}`);
  await sb.write(
    join(ws, 'p.md'),
    profileText('profile: {name: p}', 'tools:', '  - module: tool-a', '    source: ./mod-a'),
  );
  await sb.write(join(ws, 'mod-a/tool_a/__init__.py'), '');
  return ws;
}

async function settingsRefused(content: string | Buffer, code: string, line: number | null, says: string | RegExp) {
  const ws = await project();
  const file = await sb.write(join(ws, '.amplifier/settings.yaml'), content);
  await expectRefused(sb, ['resolve', '-p', 'p.md'], { code, file, line, says }, { cwd: ws });
}

describe('settings shaped wrongly', () => {
  it('a list at the top level', async () => {
    await settingsRefused('- a\n- b\n', 'invalid-settings', 1, 'must be a mapping at the top level');
  });

  it('`sources` as a list', async () => {
    await settingsRefused('sources: [a, b]\n', 'invalid-settings', 1, "'sources' must be a mapping");
  });

  it('a module source that is a number', async () => {
    await settingsRefused('sources:\n  modules:\n    tool-a: 42\n', 'invalid-settings', 3, 'found number');
  });

  it('`overrides.<id>` as a string', async () => {
    await settingsRefused('overrides:\n  tool-a: ./x\n', 'invalid-settings', 2, "'overrides.tool-a' must be a mapping");
  });

  it('`modules.tools` as a mapping', async () => {
    await settingsRefused(
      'modules:\n  tools: {module: tool-a}\n',
      'invalid-settings',
      2,
      "'modules.tools' must be a list",
    );
  });

  it('`bundle.added` as a list', async () => {
    await settingsRefused('bundle:\n  added: [x]\n', 'invalid-settings', 2, "'bundle.added' must be a mapping");
  });

  it('`config.providers` as a mapping', async () => {
    await settingsRefused(
      'config:\n  providers: {module: x}\n',
      'invalid-settings',
      2,
      "'config.providers' must be a list",
    );
  });

  it('an alias bomb', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: [*b, *b, *b, *b]',
    ];
    await settingsRefused(`${bomb.join('\n')}\n`, 'yaml-too-complex', 2, 'aliases');
  });

  it('a duplicate key', async () => {
    await settingsRefused('sources: {}\nbundle: {}\nsources: {}\n', 'yaml-syntax', 3, 'unique');
  });

  it('bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('sources:\n  modules:\n    tool-a: caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    await settingsRefused(bytes, 'invalid-encoding', 3, 'not valid UTF-8');
  });

  it('a settings file over the size limit', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `  tool-${i}: ./vendor/tool-${i}`);
    await settingsRefused(`sources:\n${lines.join('\n')}\n`, 'yaml-too-complex', 1, /larger/);
  });

  it('a directory where settings.yaml should be', async () => {
    const ws = await project();
    const dir = join(ws, '.amplifier/settings.yaml');
    await mkdir(dir, { recursive: true });
    await expectRefused(
      sb,
      ['resolve', '-p', 'p.md'],
      { code: 'file-unreadable', file: dir, line: null, says: 'not a file' },
      { cwd: ws },
    );
  });

  it('a bad user-scope file is named by its path in the Amplifier home', async () => {
    const ws = await project();
    const file = await sb.write(join(sb.root, 'user-home/settings.yaml'), 'sources:\n  tool-a: [1]\n');
    await expectRefused(
      sb,
      ['resolve', '-p', 'p.md', '--home', join(sb.root, 'user-home')],
      { code: 'invalid-settings', file, line: 2, says: 'sources.tool-a' },
      { cwd: ws },
    );
  });
});

interface Trail {
  readonly layer: string;
  readonly outcome: string;
  readonly detail: string;
}

function firstModule(stdout: string): { resolution: { layer: string | null; trail: Trail[] }; status: string } {
  const report = JSON.parse(stdout) as {
    modules: { resolution: { layer: string | null; trail: Trail[] }; status: string }[];
  };
  const [module] = report.modules;
  if (!module) throw new Error(`no module in the report:\n${stdout}`);
  return module;
}

describe('environment overrides pointing at things that are not module directories', () => {
  it.each([
    ['a regular file', async () => sb.write(join(sb.root, 'not-a-dir.txt'), 'x'), 'is a file, not a directory'],
    ['a path that does not exist', async () => join(sb.outside, 'missing'), 'does not exist'],
    ['/dev/null', async () => '/dev/null', 'is a file, not a directory'],
    [
      'a FIFO (must not block)',
      async () => {
        const fifo = join(sb.root, `fifo-${cases}`);
        execFileSync('mkfifo', [fifo]);
        return fifo;
      },
      'is a file, not a directory',
    ],
  ])('AMPLIFIER_MODULE_TOOL_A at %s is rejected and the next layer wins', async (_what, target, says) => {
    const ws = await project();
    const value = await target();
    const run = sb.run(['resolve', '-p', 'p.md', '--format', 'json'], {
      cwd: ws,
      env: { AMPLIFIER_MODULE_TOOL_A: value },
    });
    expect(run.code, describeRun(run)).toBe(0);
    const module = firstModule(run.stdout);
    expect(module.resolution.layer).toBe('profile');
    expect(module.resolution.trail[0]).toMatchObject({ layer: 'env', outcome: 'rejected' });
    expect(module.resolution.trail[0]?.detail).toContain(says);
    expect(await sb.spawned()).toEqual([]);
  });
});

describe('paths leading out of the workspace', () => {
  it('a workspace module directory that is a symlink out of the workspace is rejected', async () => {
    const ws = await project();
    await sb.write(join(sb.outside, 'tool-a/tool_a/__init__.py'), '');
    await mkdir(join(ws, '.amplifier/modules'), { recursive: true });
    await symlink(join(sb.outside, 'tool-a'), join(ws, '.amplifier/modules/tool-a'));
    const run = sb.run(['resolve', '-p', 'p.md', '--format', 'json'], { cwd: ws });
    expect(run.code, describeRun(run)).toBe(0);
    const module = firstModule(run.stdout);
    expect(module.resolution.layer).toBe('profile');
    const workspaceStep = module.resolution.trail.find((step) => step.layer === 'workspace');
    expect(workspaceStep?.outcome).toBe('rejected');
    expect(workspaceStep?.detail).toMatch(/outside|leads out/);
  });
});

describe('a workspace that does not exist', () => {
  it('is a typo, refused before anything starts (not blamed on the interpreter), for every command', async () => {
    const ws = await project();
    const missing = join(sb.root, 'no-such-workspace');
    for (const command of ['resolve', 'verify', 'doctor']) {
      await expectRefused(
        sb,
        [command, '-p', 'p.md', '-w', missing],
        { code: 'usage', file: `workspace ${missing}`, line: null, says: 'no such directory' },
        { cwd: ws },
      );
    }
  });
});
