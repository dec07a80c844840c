/** The README's quick start, run as written: resolve, then verify the example profile into a fresh venv. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeExec } from '../../src/ports/node-exec.js';
import { runBuiltCli } from '../helpers/run-cli.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-quick-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('README quick start', () => {
  it('resolve -p examples/profiles/demo.md resolves all four modules from the profile layer', () => {
    const run = runBuiltCli(['resolve', '--profile', 'examples/profiles/demo.md'], { env: { VIRTUAL_ENV: undefined } });
    expect(run.code).toBe(0);
    for (const id of ['loop-demo', 'context-demo', 'tool-greet', 'hooks-echo']) {
      expect(run.stdout).toMatch(new RegExp(`^ok\\s+${id}\\s+\\w+\\s+profile\\s+\\.\\./modules/${id}`, 'm'));
    }
    expect(run.stdout).toContain('resolve: 4 ok, 0 failed');
  });

  it('the env override moves tool-greet to the env layer', () => {
    const run = runBuiltCli(['resolve', '-p', 'examples/profiles/demo.md'], {
      env: { VIRTUAL_ENV: undefined, AMPLIFIER_MODULE_TOOL_GREET: './examples/modules/tool-greet' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok\s+tool-greet\s+tool\s+env\s/m);
  });

  it('verify installs the four modules in one pip call and proves every import target', async () => {
    const venv = join(root, 'demo-venv');
    const made = await nodeExec.run('/usr/bin/python3', ['-m', 'venv', '--system-site-packages', venv]);
    expect(made.code).toBe(0);
    const run = runBuiltCli(
      [
        'verify',
        '-p',
        'examples/profiles/demo.md',
        '--python',
        join(venv, 'bin', 'python'),
        '--installer-arg=--no-build-isolation',
        '--installer-arg=--no-index',
      ],
      { env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
    );
    expect(run.stdout.match(/^installing 4 modules: .* -m pip install .* -e <4 directories>$/gm)).toHaveLength(1);
    expect(run.stdout).toContain('verify: 4 ok, 0 failed');
    expect(run.code).toBe(0);
    // A real pip build of four projects on a shared two-core machine: room beyond the default per-test limit.
  }, 300_000);

  it("a hatchling module (the real repositories' build) fails on the missing editables, then verifies once it is installed", async () => {
    const venv = join(root, 'hatch-venv');
    const python = join(venv, 'bin', 'python');
    expect((await nodeExec.run('/usr/bin/python3', ['-m', 'venv', '--system-site-packages', venv])).code).toBe(0);
    const args = [
      'verify',
      '-p',
      'examples/profiles/hatchling.md',
      '--python',
      python,
      '--installer-arg=--no-build-isolation',
      '--installer-arg=--no-index',
    ];
    const env = { PIP_DISABLE_PIP_VERSION_CHECK: '1' };
    const before = runBuiltCli(args, { env });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain(
      "finding install-failed: the build imports 'editables', which is not installed where the build runs",
    );
    expect(before.stdout).toContain("ModuleNotFoundError: No module named 'editables'");
    const added = await nodeExec.run(
      python,
      ['-m', 'pip', 'install', '--retries', '0', '-U', 'editables', 'hatchling'],
      {
        env: { ...process.env, ...env },
      },
    );
    expect(added.code, added.stderr).toBe(0);
    const after = runBuiltCli(args, { env });
    expect(after.stdout).toContain('verify: 1 ok, 0 failed');
    expect(after.code).toBe(0);
    // Two verifies and a pip install on a shared two-core machine: room beyond the default per-test limit.
  }, 300_000);
});
