/**
 * The branches of the module run (resolve, install, verify), in-process and fast: `runPipeline` with the real Node
 * ports, real files and local module directories (file sources, so no git), and the fake interpreter of
 * helpers/fake-python.ts, which answers the run's Python questions and writes real editable installs into a real
 * site-packages. Each test asserts the returned Report and which Python processes the run started, in order.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CommandOptions, nodePorts, pipelineOptions } from '../../src/library/library-run.js';
import type { CommandName } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline.js';
import type { Env } from '../../src/ports.js';
import type { Report, ReportModule } from '../../src/report/report.js';
import { BROKEN_MARK, createFakePython, type FakePython } from '../helpers/fake-python.js';

interface Fixture {
  readonly root: string;
  readonly workspace: string;
  readonly profile: string;
  readonly home: string;
  readonly fake: FakePython;
  readonly env: Env;
  /** Module id -> its source directory. */
  readonly dirs: Readonly<Record<string, string>>;
}

/** A module project as the real repositories write it (entry point, `mount`), depending on the Amplifier runtime. */
async function writeModule(dir: string, id: string): Promise<void> {
  const pkg = `amplifier_module_${id.replace(/-/g, '_')}`;
  await mkdir(join(dir, pkg), { recursive: true });
  await writeFile(join(dir, pkg, '__init__.py'), 'async def mount(coordinator, config):\n    return None\n');
  await writeFile(
    join(dir, 'pyproject.toml'),
    `[project]\nname = "amplifier-module-${id}"\nversion = "1.0.0"\ndependencies = ["amplifier-core>=1.0"]\n\n` +
      `[project.entry-points."amplifier.modules"]\n${id} = "${pkg}:mount"\n\n` +
      '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
  );
}

/** The runtime every module needs, installed as a regular (not editable) package, as in the Amplifier CLI's venv. */
async function installRuntime(sitePackages: string): Promise<void> {
  const info = join(sitePackages, 'amplifier_core-1.2.0.dist-info');
  await mkdir(info, { recursive: true });
  await mkdir(join(sitePackages, 'amplifier_core'), { recursive: true });
  await writeFile(join(sitePackages, 'amplifier_core', '__init__.py'), '');
  await writeFile(join(info, 'METADATA'), 'Metadata-Version: 2.1\nName: amplifier-core\nVersion: 1.2.0\n');
  await writeFile(join(info, 'INSTALLER'), 'pip\n');
  await writeFile(join(info, 'RECORD'), 'amplifier_core/__init__.py,,\n');
}

/** Declares `ids` as tools of one profile, each from `../modules/<id>` (written unless listed in `missing`). */
async function fixture(ids: readonly string[], missing: readonly string[] = []): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'am-branches-'));
  const workspace = join(root, 'ws');
  await mkdir(workspace, { recursive: true });
  const dirs: Record<string, string> = {};
  for (const id of ids) {
    dirs[id] = join(root, 'modules', id);
    if (!missing.includes(id)) await writeModule(join(root, 'modules', id), id);
  }
  const tools = ids.map((id) => `  - module: ${id}\n    source: ../modules/${id}\n`).join('');
  const profile = join(workspace, 'profile.md');
  await writeFile(profile, `---\nprofile: {name: branches}\ntools:\n${tools}---\n`);
  const fake = await createFakePython(root);
  await installRuntime(fake.sitePackages);
  const env = { PATH: process.env.PATH, HOME: join(root, 'user') };
  return { root, workspace, profile, home: join(root, 'amplifier-home'), fake, env, dirs };
}

async function run(f: Fixture, command: CommandName, given: CommandOptions = {}, env: Env = f.env): Promise<Report> {
  const installs = command === 'install' || command === 'verify';
  const options = pipelineOptions(command, {
    cwd: f.workspace,
    env,
    profiles: [f.profile],
    home: f.home,
    ...(installs ? { python: f.fake.python, installer: 'pip' } : {}),
    ...given,
  });
  const { report } = await runPipeline(options, nodePorts({ env, exec: f.fake.exec }));
  expect(report.command).toBe(command);
  return report;
}

const byId = (report: Report, id: string): ReportModule | undefined => report.modules.find((m) => m.id === id);
const editables = async (f: Fixture) =>
  (await readdir(f.fake.sitePackages)).filter((e) => e.startsWith('__editable__'));
const pipRuns = (f: Fixture) => f.fake.starts.filter((s) => s.kind === 'pip-install').map((s) => s.args);

describe('the module run in-process, with a fake interpreter on real files', () => {
  it('resolve: every file source wins at the profile layer and no process starts', async () => {
    const f = await fixture(['tool-a', 'tool-b']);
    const report = await run(f, 'resolve', {}, { ...f.env, VIRTUAL_ENV: f.fake.venv });
    expect(report.ok).toBe(true);
    expect(report.python).toBe(f.fake.python);
    expect(report.modules.map((m) => [m.id, m.status, m.resolution.layer, m.path])).toEqual([
      ['tool-a', 'ok', 'profile', f.dirs['tool-a']],
      ['tool-b', 'ok', 'profile', f.dirs['tool-b']],
    ]);
    expect(f.fake.starts).toEqual([]);
  });

  it('verify on a fresh environment: one installer run for every module, then the audit of what it installed', async () => {
    const f = await fixture(['tool-a', 'tool-b']);
    const report = await run(f, 'verify');
    expect(report.ok).toBe(true);
    expect(report.installer).toBe('pip');
    expect(report.environment).toMatchObject({ python: f.fake.python, executable: f.fake.python, prefix: f.fake.venv });
    for (const id of ['tool-a', 'tool-b']) {
      expect(byId(report, id)).toMatchObject({
        status: 'ok',
        findings: [],
        install: { installed: true, reason: 'new' },
      });
    }
    expect(f.fake.pythonStarts()).toEqual(['probe', 'versions', 'pip-install', 'probe']);
    expect(pipRuns(f)).toEqual([['-m', 'pip', 'install', '-e', f.dirs['tool-a'], '-e', f.dirs['tool-b']]]);
    expect(await editables(f)).toHaveLength(2);
    expect(f.fake.starts.filter((s) => s.kind === null)).toEqual([]);
    // Every start of the interpreter, the pip install included, is in the workspace (a shim picks its Python from
    // there): the install cannot run another Python than the one audited.
    expect(new Set(f.fake.starts.map((s) => s.cwd))).toEqual(new Set([f.workspace]));
  });

  it('verify with nothing changed: installs nothing and starts one Python process (the probe)', async () => {
    const f = await fixture(['tool-a', 'tool-b']);
    expect((await run(f, 'verify')).ok).toBe(true);
    f.fake.forget();
    const report = await run(f, 'verify');
    expect(report.ok).toBe(true);
    for (const id of ['tool-a', 'tool-b']) {
      expect(byId(report, id)).toMatchObject({ status: 'ok', install: { installed: false, reason: 'up to date' } });
    }
    expect(f.fake.pythonStarts()).toEqual(['probe']);
  });

  it('verify --no-install through a shim: an interpreter its files do not place is asked where it lives, then probed', async () => {
    const f = await fixture(['tool-a']);
    expect((await run(f, 'verify')).ok).toBe(true);
    f.fake.forget();
    const report = await run(f, 'verify', { python: f.fake.shim, install: false });
    expect(report.ok).toBe(true);
    expect(report.environment).toMatchObject({ python: f.fake.shim, executable: f.fake.python, prefix: f.fake.venv });
    expect(f.fake.pythonStarts()).toEqual(['ask', 'probe']);
    expect(f.fake.starts.map((s) => s.command)).toEqual([f.fake.shim, f.fake.shim]);
  });

  it('verify through a shim after one through the venv interpreter: one install record, nothing reinstalled', async () => {
    const f = await fixture(['tool-a']);
    expect((await run(f, 'verify')).ok).toBe(true);
    f.fake.forget();
    const report = await run(f, 'verify', { python: f.fake.shim });
    expect(byId(report, 'tool-a')).toMatchObject({ status: 'ok', install: { installed: false, reason: 'up to date' } });
    expect(f.fake.pythonStarts()).toEqual(['ask', 'probe']);
  });

  it('verify --no-install after the module moved and its old directory was deleted: dangling, the fix reinstalls', async () => {
    const f = await fixture(['tool-a', 'tool-b']);
    expect((await run(f, 'verify')).ok).toBe(true);
    // The declaration now points at a new copy of the module; the directory the editable install names is gone.
    const moved = join(f.root, 'moved', 'tool-a');
    await cp(f.dirs['tool-a'] ?? '', moved, { recursive: true });
    await rm(f.dirs['tool-a'] ?? '', { recursive: true });
    await writeFile(f.profile, (await readFile(f.profile, 'utf8')).replace('../modules/tool-a', '../moved/tool-a'));
    f.fake.forget();
    const report = await run(f, 'verify', { install: false });
    expect(report.ok).toBe(false);
    const module = byId(report, 'tool-a');
    expect(module).toMatchObject({ status: 'dangling', path: moved, resolution: { layer: 'profile' } });
    expect(module?.findings.map((finding) => finding.code)).toEqual([
      'editable-target-missing',
      'pth-target-missing',
      'module-not-found',
    ]);
    expect(module?.fix).toBe(`${f.fake.python} -m pip install -e ${moved}`);
    expect(module?.install).toBeUndefined();
    expect(byId(report, 'tool-b')?.status).toBe('ok');
    // The environment as it is: a venv placed by its files, probed once, no installer started.
    expect(f.fake.pythonStarts()).toEqual(['probe']);
  });

  it('verify --no-install after the declared directory was deleted: dangling, the fix points at the declaration', async () => {
    const f = await fixture(['tool-a']);
    expect((await run(f, 'verify')).ok).toBe(true);
    await rm(f.dirs['tool-a'] ?? '', { recursive: true });
    f.fake.forget();
    const report = await run(f, 'verify', { install: false });
    const module = byId(report, 'tool-a');
    // The profile's source is rejected; the installed distribution still answers at the package layer.
    expect(module).toMatchObject({ status: 'dangling', path: null, resolution: { layer: 'package' } });
    expect(module?.resolution.trail.find((t) => t.layer === 'profile')?.outcome).toBe('rejected');
    expect(module?.fix).toContain(`point the source at ${f.profile}:4`);
    expect(f.fake.pythonStarts()).toEqual(['probe']);
  });

  it('install --dry-run: says what it would install and why, and writes nothing into site-packages', async () => {
    const f = await fixture(['tool-a', 'tool-b']);
    const before = await readdir(f.fake.sitePackages);
    const report = await run(f, 'install', { dryRun: true });
    expect(report.ok).toBe(true);
    for (const id of ['tool-a', 'tool-b']) {
      expect(byId(report, id)?.install).toEqual({ installed: false, wouldInstall: true, reason: 'new' });
    }
    expect(await readdir(f.fake.sitePackages)).toEqual(before);
    expect(f.fake.pythonStarts()).toEqual(['probe']);
  });

  it('verify --reinstall: reinstalls every module although each install is intact', async () => {
    const f = await fixture(['tool-a', 'tool-b']);
    expect((await run(f, 'verify')).ok).toBe(true);
    // pip removes the dist-info it replaces: a file planted there is gone after a real reinstall.
    const planted = join(f.fake.sitePackages, 'amplifier_module_tool_a-1.0.0.dist-info', 'PLANTED');
    await writeFile(planted, '');
    f.fake.forget();
    const report = await run(f, 'verify', { reinstall: true });
    expect(report.ok).toBe(true);
    for (const id of ['tool-a', 'tool-b']) {
      expect(byId(report, id)).toMatchObject({ status: 'ok', install: { installed: true, reason: '--reinstall' } });
    }
    // No audit before installing: every module is installed anyway.
    expect(f.fake.pythonStarts()).toEqual(['versions', 'pip-install', 'probe']);
    expect(existsSync(planted)).toBe(false);
  });

  it('a batch with one failing build: the others are installed, the failing one has its own cause', async () => {
    const broken = `tool-${BROKEN_MARK}`;
    const f = await fixture(['tool-a', broken, 'tool-c']);
    const report = await run(f, 'verify');
    expect(report.ok).toBe(false);
    expect(byId(report, 'tool-a')).toMatchObject({ status: 'ok', install: { installed: true, reason: 'new' } });
    expect(byId(report, 'tool-c')).toMatchObject({ status: 'ok', install: { installed: true, reason: 'new' } });
    const failed = byId(report, broken);
    expect(failed?.status).toBe('install-failed');
    expect(failed?.findings.map((finding) => finding.code)).toEqual(['install-failed']);
    // Its cause is the backend's own exception from pip's output, not the batch's failure.
    expect(failed?.findings[0]?.message).toMatch(
      new RegExp(
        `^ValueError: Unable to determine which files to ship inside the wheel of amplifier-module-${broken}\n`,
      ),
    );
    const dir = f.dirs[broken] ?? '';
    expect(failed?.fix).toBe(
      `fix the build of ${dir}, then rerun; reproduce with: ${f.fake.python} -m pip install -e ${dir}`,
    );
    // The whole batch first; pip installs nothing of it, so the rest goes again without the blamed project.
    expect(pipRuns(f)).toEqual([
      ['-m', 'pip', 'install', '-e', f.dirs['tool-a'], '-e', f.dirs[broken], '-e', f.dirs['tool-c']],
      ['-m', 'pip', 'install', '-e', f.dirs['tool-a'], '-e', f.dirs['tool-c']],
    ]);
    expect(f.fake.pythonStarts()).toEqual(['probe', 'versions', 'pip-install', 'pip-install', 'probe']);
    expect(await editables(f)).toHaveLength(2);
  });

  it('no environment (no --python, no $VIRTUAL_ENV, no .venv): the input error no-environment, nothing started', async () => {
    const f = await fixture(['tool-a']);
    // `python: undefined` drops the fake interpreter run() gives install and verify by default.
    const options = { python: undefined, installer: 'pip' } as const;
    await expect(run(f, 'verify', options)).rejects.toMatchObject({ name: 'InputError', code: 'no-environment' });
    expect(f.fake.starts).toEqual([]);
    expect(existsSync(f.home)).toBe(false);
  });

  it('a module whose source cannot be resolved is unresolved; the others are still installed', async () => {
    const f = await fixture(['tool-a', 'tool-ghost', 'tool-c'], ['tool-ghost']);
    const report = await run(f, 'verify');
    expect(report.ok).toBe(false);
    const ghost = byId(report, 'tool-ghost');
    expect(ghost).toMatchObject({ status: 'unresolved', path: null, resolution: { layer: null }, findings: [] });
    expect(ghost?.resolution.trail.map((t) => [t.layer, t.outcome]).slice(-2)).toEqual([
      ['profile', 'rejected'],
      ['package', 'not-set'],
    ]);
    expect(ghost?.fix).toContain(`fix the source of 'tool-ghost' at ${f.profile}:6`);
    for (const id of ['tool-a', 'tool-c']) {
      expect(byId(report, id)).toMatchObject({ status: 'ok', install: { installed: true, reason: 'new' } });
    }
    expect(pipRuns(f)).toEqual([['-m', 'pip', 'install', '-e', f.dirs['tool-a'], '-e', f.dirs['tool-c']]]);
    // The package layer reads the site directories' files: asking it costs no process.
    expect(f.fake.pythonStarts()).toEqual(['probe', 'versions', 'pip-install', 'probe']);
  });
});
