/**
 * Amplifier's install state (`<home>/cache/install-state.json`) against real venvs with real `pip install -e`,
 * through the built CLI. The file is written by Python exactly the way Amplifier's install-state manager writes
 * it (`json.dump(..., indent=2)`, `sys.executable`, the lstat mtime, the fingerprint computed in Python), so the
 * fingerprint here is checked against an independent implementation.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeExec } from '../../../src/ports/node-exec.js';
import type { Report } from '../../../src/report/report.js';
import { withoutModules } from '../../../src/stages/audit/amplifier-install-state.js';
import { writeModuleProject } from '../../helpers/python-projects.js';
import { runBuiltCli } from '../../helpers/run-cli.js';
import { createVenv, pipInstallEditable, type TestVenv } from '../../helpers/venv.js';

/** Writes the install state as Amplifier does: run by the interpreter it records. */
const WRITE_STATE = `
import hashlib, json, os, sys
home, dirs = sys.argv[1], sys.argv[2:]
def fingerprint(d):
    h, n = hashlib.sha256(), 0
    for name in ("pyproject.toml", "requirements.txt"):
        p = os.path.join(d, name)
        if os.path.isfile(p):
            h.update(name.encode())
            with open(p, "rb") as f:
                h.update(f.read())
            n += 1
    return "sha256:" + h.hexdigest() if n else "none"
state = {"version": 1, "python": sys.executable, "python_mtime": int(os.lstat(sys.executable).st_mtime),
         "modules": {os.path.realpath(d): {"pyproject_hash": fingerprint(d)} for d in dirs}}
os.makedirs(os.path.join(home, "cache"), exist_ok=True)
with open(os.path.join(home, "cache", "install-state.json"), "w") as f:
    json.dump(state, f, indent=2)
`;

/** What Python's json.dump writes for the same file without the given entries. */
const DROP_ENTRIES = `
import json, sys
with open(sys.argv[1]) as f:
    state = json.load(f)
for key in sys.argv[2:]:
    del state["modules"][key]
sys.stdout.write(json.dumps(state, indent=2))
`;

async function python(venvPython: string, script: string, args: readonly string[]): Promise<string> {
  const run = await nodeExec.run(venvPython, ['-c', script, ...args]);
  if (run.code !== 0) throw new Error(`python failed: ${run.stderr}`);
  return run.stdout;
}

let root: string;
let venv: TestVenv;
const dirs: Record<'fresh' | 'edited' | 'uninstalled' | 'elsewhere' | 'copy', string> = {
  fresh: '',
  edited: '',
  uninstalled: '',
  elsewhere: '',
  copy: '',
};

function doctor(home: string, ...extra: string[]) {
  return runBuiltCli([
    'doctor',
    '--home',
    home,
    '--python',
    venv.python,
    '--workspace',
    root,
    '--format',
    'json',
    ...extra,
  ]);
}

function stateRows(report: Report): Report['modules'] {
  return report.modules.filter((m) => m.findings.some((f) => f.code.startsWith('install-state')));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-install-state-'));
  venv = await createVenv(root);
  for (const name of ['fresh', 'edited', 'uninstalled', 'elsewhere'] as const) {
    dirs[name] = join(root, 'modules', `tool-${name}`);
    await mkdir(dirs[name], { recursive: true });
    await writeModuleProject(dirs[name], {
      id: name === 'fresh' ? 'tool-fresh' : `tool-${name}`,
      backend: 'hatchling',
    });
  }
  await writeFile(join(dirs.fresh, 'requirements.txt'), 'pyyaml>=6\n');
  await pipInstallEditable(venv, [dirs.fresh, dirs.edited, dirs.elsewhere]);
  // A second checkout of tool-elsewhere that Amplifier recorded, while the environment runs the first one
  // (a repointed source that keeps running the old checkout).
  dirs.copy = join(root, 'modules', 'tool-elsewhere-repointed');
  await cp(dirs.elsewhere, dirs.copy, { recursive: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('install state: each stale kind detected, then removed byte for byte', () => {
  let home: string;
  let stateFile: string;

  it('reports an entry per contradiction and leaves a true entry alone', async () => {
    home = join(root, 'home');
    stateFile = join(home, 'cache', 'install-state.json');
    await python(venv.python, WRITE_STATE, [home, dirs.fresh, dirs.edited, dirs.uninstalled, dirs.copy]);
    // Changed after the install was recorded: Amplifier's fingerprint no longer matches.
    await writeFile(
      join(dirs.edited, 'pyproject.toml'),
      `${await readFile(join(dirs.edited, 'pyproject.toml'), 'utf8')}# edit\n`,
    );
    const run = doctor(home);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const rows = stateRows(JSON.parse(run.stdout) as Report);
    const byPath = new Map(rows.map((r) => [r.path, r]));
    expect([...byPath.keys()].sort()).toEqual([dirs.edited, dirs.uninstalled, dirs.copy].sort());
    expect(byPath.get(dirs.edited)).toMatchObject({ id: 'tool-edited', kind: 'tool', status: 'stale' });
    expect(byPath.get(dirs.edited)?.findings.map((f) => f.code)).toEqual(['install-state-fingerprint']);
    expect(byPath.get(dirs.uninstalled)).toMatchObject({ id: 'tool-uninstalled', status: 'not-installed' });
    expect(byPath.get(dirs.uninstalled)?.findings.map((f) => f.code)).toEqual(['install-state-not-installed']);
    expect(byPath.get(dirs.copy)?.findings.map((f) => f.code)).toEqual(['install-state-other-dir']);
    expect(byPath.get(dirs.copy)?.findings[0]?.message).toContain(`installed from ${dirs.elsewhere}`);
    expect(byPath.get(dirs.copy)?.fix).toContain('doctor --fix');
  });

  it('says it in text too: the entry, why it is stale and the fix, with no empty resolution trail', async () => {
    const run = runBuiltCli(['doctor', '--home', home, '--python', venv.python, '--workspace', root]);
    expect(run.code).toBe(1);
    const block = run.stdout.slice(run.stdout.indexOf('tool-edited: stale'));
    expect(block).toMatch(/^tool-edited: stale\n {2}finding install-state-fingerprint: .*changed since the install/);
    expect(block).toContain('fix: amplifier-modules doctor --fix');
    expect(run.stdout).not.toContain('resolution trail:');
  });

  it('--fix removes exactly those entries; the rest is what Amplifier itself would have written', async () => {
    const expected = await python(venv.python, DROP_ENTRIES, [stateFile, dirs.edited, dirs.uninstalled, dirs.copy]);
    const run = doctor(home, '--fix');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = stateRows(JSON.parse(run.stdout) as Report);
    expect(rows.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(rows.every((r) => r.findings[0]?.code === 'install-state-removed')).toBe(true);
    expect(await readFile(stateFile, 'utf8')).toBe(expected);
    const again = doctor(home);
    expect(again.code).toBe(0);
    expect(stateRows(JSON.parse(again.stdout) as Report)).toEqual([]);
  });

  it('reports and removes every entry recorded for an interpreter that no longer exists', async () => {
    const otherHome = join(root, 'home-gone');
    const gone = await createVenv(await mkdtemp(join(root, 'gone-')));
    await python(gone.python, WRITE_STATE, [otherHome, dirs.fresh, dirs.edited]);
    await rm(gone.dir, { recursive: true, force: true });
    const run = doctor(otherHome);
    expect(run.code).toBe(1);
    const rows = stateRows(JSON.parse(run.stdout) as Report);
    expect(rows.map((r) => r.findings[0]?.code)).toEqual([
      'install-state-interpreter-missing',
      'install-state-interpreter-missing',
    ]);
    expect(rows[0]?.findings[0]?.message).toContain(gone.python);
    expect(doctor(otherHome, '--fix').code).toBe(0);
    const text = await readFile(join(otherHome, 'cache', 'install-state.json'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ version: 1, python: gone.python, modules: {} });
    expect(text).toContain('"modules": {}');
  });
});

describe('removing entries rewrites the file as Amplifier writes it: a file it wrote changes only there', () => {
  const text =
    '{\n  "version": 1,\n  "modules": {\n    "/a": {\n      "h": "x"\n    },\n    "/b\\u00e9": {},\n    "/c": 2\n  }\n}';

  it.each([
    [['/a'], '{\n  "version": 1,\n  "modules": {\n    "/b\\u00e9": {},\n    "/c": 2\n  }\n}'],
    [['/bé'], '{\n  "version": 1,\n  "modules": {\n    "/a": {\n      "h": "x"\n    },\n    "/c": 2\n  }\n}'],
    [['/c'], '{\n  "version": 1,\n  "modules": {\n    "/a": {\n      "h": "x"\n    },\n    "/b\\u00e9": {}\n  }\n}'],
    [['/a', '/c'], '{\n  "version": 1,\n  "modules": {\n    "/b\\u00e9": {}\n  }\n}'],
    [['/a', '/bé', '/c'], '{\n  "version": 1,\n  "modules": {}\n}'],
  ])('without %j', (keys, expected) => {
    expect(withoutModules(text, new Set(keys))).toBe(expected);
  });

  it('refuses text that is not an object', () => {
    expect(() => withoutModules('[1]', new Set())).toThrow(/not a JSON object/);
  });
});
