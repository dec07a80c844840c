/**
 * The structure check `npm test` runs: it must fail on an import cycle between files or between stages (folders of
 * src/), on an import back-edge (a stage importing one above it), on a file over 300 lines and on two files with one
 * name, and pass on the real src/.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SCRIPT = join(REPO_ROOT, 'scripts', 'check-structure.mjs');
let root = '';

async function tree(files: Readonly<Record<string, string>>): Promise<string> {
  root = await mkdtemp(join(tmpdir(), 'am-structure-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

function check(dir: string) {
  const run = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = '';
});

describe('check-structure', () => {
  it('passes on the real src/', () => {
    const run = check(join(REPO_ROOT, 'src'));
    expect(run.out).toContain('structure ok');
    expect(run.code).toBe(0);
  });

  it('fails on two files importing each other, naming both', async () => {
    const dir = await tree({
      'a/one.ts': "import { two } from './two.js';\nexport const one = () => two;\n",
      'a/two.ts': "import { one } from './one.js';\nexport const two = () => one;\n",
    });
    const run = check(dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain('import cycle among files: a/one.ts, a/two.ts');
  });

  it('fails on stages importing each other through different files, naming the imports', async () => {
    const dir = await tree({
      'install/run.ts': "import { chooser } from '../audit/choose.js';\nexport const run = chooser;\n",
      'audit/choose.ts': 'export const chooser = 1;\n',
      'audit/doctor.ts': "import { run } from '../install/run.js';\nexport const doctor = run;\n",
    });
    const run = check(dir);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/import cycle among stages: (install, audit|audit, install)/);
    expect(run.out).toContain('audit/doctor.ts -> install/run.ts');
    expect(run.out).toContain('install/run.ts -> audit/choose.ts');
  });

  it('fails on a file over 300 lines', async () => {
    const dir = await tree({ 'long.ts': 'export const x = 1;\n'.repeat(301) });
    const run = check(dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain('long.ts: 301 lines (at most 300)');
  });

  it('fails on a stage importing one above it, naming the import, even without a cycle', async () => {
    const dir = await tree({
      'commands/run.ts': 'export const run = 1;\n',
      'stages/audit/rules.ts': "import { run } from '../../commands/run.js';\nexport const rules = run;\n",
      'stages/audit/fine.ts': "import { model } from '../../model.js';\nexport const fine = model;\n",
      'model.ts': 'export const model = 1;\n',
    });
    const run = check(dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain('import back-edge: stages/audit/rules.ts -> commands/run.ts');
    expect(run.out).not.toContain('audit/fine.ts');
    expect(run.out).not.toContain('cycle');
  });

  it('fails on a folder or top-level file the stage order does not place', async () => {
    const run = check(await tree({ 'misc/helper.ts': 'export const helper = 1;\n' }));
    expect(run.code).toBe(1);
    expect(run.out).toContain('misc: a stage not in STAGE_ORDER');
  });

  it("fails on two files with one name, but allows the front ends' entry files", async () => {
    const dir = await tree({
      'cli/options.ts': 'export const a = 1;\n',
      'library/options.ts': 'export const b = 1;\n',
      'index.ts': 'export const c = 1;\n',
      'cli/index.ts': 'export const d = 1;\n',
      'cli/main.ts': 'export const e = 1;\n',
      'action/main.ts': 'export const f = 1;\n',
    });
    const run = check(dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain('duplicate file name options.ts: cli/options.ts, library/options.ts');
    expect(run.out).not.toContain('index.ts');
    expect(run.out).not.toContain('main.ts');
  });
});
