/**
 * Layouts that cannot be installed offline here (hatchling with `editables`, legacy egg-links), written as the
 * files pip/uv leave behind into a real venv, so the TypeScript scan and the real import system both look at them.
 * Also the failure statuses that need a broken project: wrong entry point, failing import, nothing installed.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src/commands/doctor/run-doctor.js';
import { nodeExec } from '../../../src/ports/node-exec.js';
import { nodeFileSystem as fs } from '../../../src/ports/node-fs.js';
import { silentLogger } from '../../../src/ports/stream-logger.js';
import { locateEnvironment } from '../../../src/python/locate.js';
import { type AuditContext, auditModules } from '../../../src/stages/audit/audit-modules.js';
import {
  type HatchlingStyle,
  type ModuleProject,
  writeEggLinkInstall,
  writeHatchlingEditable,
  writeModuleProject,
  writeRedirectorModule,
} from '../../helpers/python-projects.js';
import { createVenv, type TestVenv } from '../../helpers/venv.js';

let root: string;
let venv: TestVenv;
let site: string;
let ctx: AuditContext;

const STYLES: readonly HatchlingStyle[] = ['editables-0.6', 'editables-0.5', 'dev-mode-exact'];
const projects = new Map<string, ModuleProject>();

async function project(id: string, body?: string): Promise<ModuleProject> {
  const made = await writeModuleProject(join(root, 'src', id), {
    id,
    backend: 'hatchling',
    ...(body ? { body } : {}),
  });
  projects.set(id, made);
  return made;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-fixtures-'));
  venv = await createVenv(root);
  const environment = await locateEnvironment(venv.python, fs);
  site = environment.sitePackages[0] ?? '';
  ctx = { fs, session: venv.session, importCheck: true, logger: silentLogger };
  await writeRedirectorModule(site);
  for (const style of STYLES) {
    const id = `tool-${style.replace(/\./g, '')}`;
    await writeHatchlingEditable({
      sitePackages: site,
      project: await project(id),
      id,
      style,
      recordPth: style !== 'editables-0.5',
    });
  }
  await writeEggLinkInstall(site, await project('tool-legacy'), 'tool-legacy');
  const broken = await project('tool-broken', 'import amplifier_test_dependency_that_is_absent\n');
  await writeHatchlingEditable({ sitePackages: site, project: broken, id: 'tool-broken', style: 'editables-0.6' });
  const renamed = await project('tool-renamed');
  await writeHatchlingEditable({ sitePackages: site, project: renamed, id: 'tool-other-name', style: 'editables-0.6' });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const idOf = (style: HatchlingStyle): string => `tool-${style.replace(/\./g, '')}`;
const dirOf = (id: string): string => projects.get(id)?.dir ?? '';

describe('hatchling editables layouts and legacy egg-links', () => {
  it('audits each one ok while its project exists', async () => {
    const ids = [...STYLES.map(idOf), 'tool-legacy'];
    const audits = await auditModules(
      ids.map((id) => ({ id, expectedPath: dirOf(id) })),
      ctx,
    );
    for (const id of ids) {
      expect(audits.get(id)?.findings, id).toEqual([]);
      expect(audits.get(id)?.status).toBe('ok');
      expect(audits.get(id)?.installedFrom).toBe(dirOf(id));
    }
  });

  it('sees each one dangle when its project is gone, with the uv fix for uv installs', async () => {
    const hidden = join(root, 'hidden');
    await mkdir(hidden);
    const ids = [...STYLES.map(idOf), 'tool-legacy'];
    for (const id of ids) await rmMove(dirOf(id), join(hidden, id));
    try {
      const audits = await auditModules(
        ids.map((id) => ({ id, expectedPath: null })),
        ctx,
      );
      const codes = (id: string) => audits.get(id)?.findings.map((f) => f.code) ?? [];
      for (const id of ids) expect(audits.get(id)?.status, id).toBe('dangling');
      expect(codes(idOf('editables-0.6'))).toEqual([
        'editable-target-missing',
        'pth-target-missing',
        'module-not-found',
      ]);
      // Found through the `_<name>.pth` file name alone: this fixture's RECORD does not list it.
      expect(codes(idOf('editables-0.5'))).toContain('pth-target-missing');
      // The editables hook still answers find_spec, with an origin that is gone; importing raises FileNotFoundError.
      expect(codes(idOf('dev-mode-exact'))).toEqual([
        'editable-target-missing',
        'finder-target-missing',
        'origin-missing',
        'search-location-missing',
        'import-error',
      ]);
      expect(audits.get(idOf('dev-mode-exact'))?.findings[4]?.message).toContain('FileNotFoundError');
      expect(codes('tool-legacy')).toContain('egg-link-target-missing');
      // Nothing to reinstall from, so no fix command is invented.
      expect(audits.get(idOf('editables-0.6'))?.reinstallFrom).toBeNull();
      const withExpected = await auditModules(
        [{ id: idOf('editables-0.6'), expectedPath: join(hidden, idOf('editables-0.6')) }],
        ctx,
      );
      expect(withExpected.get(idOf('editables-0.6'))?.findings[0]?.fix).toBe(
        `uv pip install --python ${venv.python} --no-sources -e ${join(hidden, idOf('editables-0.6'))}`,
      );
    } finally {
      for (const id of ids) await rmMove(join(hidden, id), dirOf(id));
    }
  });
});

describe('failures that are not about paths', () => {
  it('reports an import error with the exception text only when importing', async () => {
    const quiet = await auditModules([{ id: 'tool-broken', expectedPath: dirOf('tool-broken') }], {
      ...ctx,
      importCheck: false,
    });
    expect(quiet.get('tool-broken')?.status).toBe('ok');
    const loud = await auditModules([{ id: 'tool-broken', expectedPath: dirOf('tool-broken') }], ctx);
    expect(loud.get('tool-broken')?.status).toBe('import-error');
    expect(loud.get('tool-broken')?.findings[0]?.message).toContain(
      "No module named 'amplifier_test_dependency_that_is_absent'",
    );
  });

  it('a dist that declares another entry point id still loads by its import name, and says so', async () => {
    // amplifier-core finds no entry point 'tool-renamed', then imports amplifier_module_tool_renamed, which exists.
    const audits = await auditModules([{ id: 'tool-renamed', expectedPath: dirOf('tool-renamed') }], ctx);
    const audit = audits.get('tool-renamed');
    expect(audit?.status).toBe('ok');
    expect(audit?.findings[0]?.code).toBe('loaded-by-import-name');
    expect(audit?.findings[0]?.message).toContain('it declares tool-other-name instead');
    expect(audit?.distribution).toBe('amplifier-module-tool-renamed');
  });

  it('reports a module nothing provides as not installed, with the install command', async () => {
    const dir = join(root, 'src', 'tool-absent');
    await writeModuleProject(dir, { id: 'tool-absent', backend: 'flit' });
    const audit = (await auditModules([{ id: 'tool-absent', expectedPath: dir }], ctx)).get('tool-absent');
    expect(audit?.status).toBe('not-installed');
    expect(audit?.findings.map((f) => f.code)).toEqual(['not-installed']);
    expect(audit?.findings[0]?.fix).toBe(`${venv.python} -m pip install -e ${dir}`);
  });
});

describe('doctor on fixture layouts', () => {
  it('lists every editable and reports orphan .pth files, ignoring the known non-editable ones', async () => {
    await writeFile(join(site, 'leftover.pth'), `${join(root, 'gone')}\n`);
    await writeFile(join(site, 'zope-nspkg.pth'), `${join(root, 'gone-too')}\n`);
    const report = await runDoctor(
      { ...ctx, exec: nodeExec, env: process.env, installerChoice: 'pip', installerArgs: [] },
      { fix: false },
    );
    const ids = report.entries.map((e) => e.id).sort();
    expect(ids).toEqual([...STYLES.map(idOf), 'tool-broken', 'tool-legacy', 'tool-other-name'].sort());
    expect(report.orphans.map((o) => o.file)).toEqual([join(site, 'leftover.pth')]);
    expect(report.orphans[0]?.findings[0]?.code).toBe('orphan-pth');
    expect(report.entries.find((e) => e.id === 'tool-broken')?.audit.status).toBe('import-error');
  });
});

async function rmMove(from: string, to: string): Promise<void> {
  await fs.rename(from, to);
}
