/**
 * Scale faults: 300 editable distributions read under `ulimit -n 1024` never give EMFILE (file operations are capped
 * below the limit); a 100 MB `.pth` of repeated lines is scanned once per distinct path, as `site` reads it.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/run-cli.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { createVenv, type TestVenv } from '../helpers/venv.js';

const COUNT = 300;

let sb: Sandbox;
let venv: TestVenv;
let site = '';
beforeAll(async () => {
  sb = await createSandbox({ tools: 'record' });
  venv = await createVenv(sb.root);
  const lib = join(venv.dir, 'lib');
  site = join(lib, (await readdir(lib))[0] ?? '', 'site-packages');
});
afterAll(async () => {
  await sb.cleanup();
});

/** One editable install as pip and setuptools leave it: dist-info with its RECORD, direct_url.json and a path `.pth`. */
async function writeEditable(index: number): Promise<void> {
  const name = `amplifier-module-tool-n${index}`;
  const pkg = name.replace(/-/g, '_');
  const project = join(sb.root, 'projects', name);
  await mkdir(join(project, pkg), { recursive: true });
  await writeFile(join(project, pkg, '__init__.py'), 'async def mount(coordinator, config):\n    return None\n');
  const distInfo = `${pkg}-0.1.0.dist-info`;
  const pth = `__editable__.${pkg}-0.1.0.pth`;
  await mkdir(join(site, distInfo), { recursive: true });
  const files: Record<string, string> = {
    METADATA: `Metadata-Version: 2.1\nName: ${name}\nVersion: 0.1.0\n`,
    INSTALLER: 'pip\n',
    'direct_url.json': JSON.stringify({ url: `file://${project}`, dir_info: { editable: true } }),
    'entry_points.txt': `[amplifier.modules]\ntool-n${index} = ${pkg}:mount\n`,
  };
  for (const [file, text] of Object.entries(files)) await writeFile(join(site, distInfo, file), text);
  const record = [...Object.keys(files).map((file) => `${distInfo}/${file},,`), `${pth},,`, `${distInfo}/RECORD,,`];
  await writeFile(join(site, distInfo, 'RECORD'), `${record.join('\n')}\n`);
  await writeFile(join(site, pth), `${project}\n`);
}

function doctorWithFewDescriptors(): { code: number | null; stdout: string; stderr: string } {
  // The shell lowers its own limit, then becomes the CLI: the limit is the CLI's, as `ulimit -n 1024; amplifier-modules`.
  const result = spawnSync(
    '/bin/sh',
    [
      '-c',
      'ulimit -n 1024 && exec "$0" "$@"',
      process.execPath,
      CLI,
      'doctor',
      '--python',
      venv.python,
      '--format',
      'json',
    ],
    {
      cwd: sb.workspace,
      env: {
        PATH: join(sb.root, 'bin'),
        HOME: sb.userHome,
        AMPLIFIER_HOME: sb.amplifierHome,
        TMPDIR: join(sb.root, 'tmp'),
      },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('many distributions, few file descriptors', () => {
  it(`${COUNT} editable distributions under ulimit -n 1024: every one audited, no EMFILE`, async () => {
    for (let index = 0; index < COUNT; index += 1) await writeEditable(index);
    const run = doctorWithFewDescriptors();
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/EMFILE|too many open files/i);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { modules: { id: string; status: string }[] };
    expect(report.modules).toHaveLength(COUNT);
    expect(report.modules.filter((module) => module.status !== 'ok')).toEqual([]);
  }, 300_000);
});

describe('a 100 MB .pth', () => {
  it('of one path repeated is read once per distinct path: prune still sees the clone it points into', async () => {
    // prune reads the environment without starting Python, so this measures the scan alone.
    const clone = join(sb.amplifierHome, 'cache', 'amplifier-module-tool-big-0123456789abcdef');
    await mkdir(join(clone, '.git'), { recursive: true });
    const line = `${clone}\n`;
    await writeFile(join(site, '_big.pth'), line.repeat(Math.ceil((100 * 1024 * 1024) / line.length)));
    const run = spawnSync(process.execPath, [CLI, 'prune', '--dry-run', '--python', venv.python, '--format', 'json'], {
      cwd: sb.workspace,
      env: { PATH: join(sb.root, 'bin'), HOME: sb.userHome, AMPLIFIER_HOME: sb.amplifierHome },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toContain('internal error');
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { prune: { removed: string[]; kept: { path: string; by: string }[] } };
    expect(report.prune.removed).toEqual([]);
    expect(report.prune.kept).toEqual([{ path: clone, by: join(site, '_big.pth') }]);
  }, 300_000);
});
