/**
 * Real editable installs from every backend Debian can build offline: the audit must find each one, point at its
 * source, and see it dangle once the source is gone.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFileSystem as fs } from '../../../src/ports/node-fs.js';
import { silentLogger } from '../../../src/ports/stream-logger.js';
import { listDistributionNames } from '../../../src/python/dist-names.js';
import { locateEnvironment, type PythonEnvironment } from '../../../src/python/locate.js';
import { auditModules } from '../../../src/stages/audit/audit-modules.js';
import { scanSitePackages } from '../../../src/stages/audit/site-scan.js';
import { type Backend, type ModuleProject, writeModuleProject } from '../../helpers/python-projects.js';
import { createVenv, pipInstallEditable, type TestVenv } from '../../helpers/venv.js';

const BACKENDS: readonly Backend[] = [
  'setuptools-flat',
  'setuptools-src',
  'setuptools-strict',
  'flit',
  'poetry',
  'hatchling',
];

let root: string;
let venv: TestVenv;
let environment: PythonEnvironment;
const projects = new Map<Backend, ModuleProject>();

const idOf = (backend: Backend): string => `tool-${backend}`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-backends-'));
  venv = await createVenv(root);
  for (const backend of BACKENDS) {
    projects.set(backend, await writeModuleProject(join(root, 'src', backend), { id: idOf(backend), backend }));
  }
  const strict = projects.get('setuptools-strict');
  // A second file, so the strict link tree holds a link that can break while the package itself still imports.
  if (strict) await writeFile(join(strict.packageParent, strict.importName, 'extra.py'), 'VALUE = 1\n');
  const lenient = BACKENDS.filter((b) => b !== 'setuptools-strict').map((b) => projects.get(b)?.dir ?? '');
  await pipInstallEditable(venv, lenient);
  await pipInstallEditable(
    venv,
    [projects.get('setuptools-strict')?.dir ?? ''],
    ['--config-settings', 'editable_mode=strict'],
  );
  environment = await locateEnvironment(venv.python, fs);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ctx = (importCheck = false) => ({
  fs,
  session: venv.session,
  importCheck,
  logger: silentLogger,
});

describe('environment location', () => {
  it('finds the venv and its site-packages without running Python', () => {
    expect(environment.isVenv).toBe(true);
    expect(environment.prefix).toBe(venv.dir);
    expect(environment.sitePackages[0]).toMatch(new RegExp(`^${venv.dir}/lib/python3\\.\\d+/site-packages$`));
    // include-system-site-packages = true brings Debian's dist-packages in after the venv's own.
    expect(environment.sitePackages.some((d) => d.endsWith('dist-packages'))).toBe(true);
  });

  it('lists every installed distribution by its normalised name', async () => {
    const names = await listDistributionNames(environment, fs);
    for (const project of projects.values()) expect(names.has(project.distName.replace(/_/g, '-'))).toBe(true);
  });
});

describe('every backend installed editable', () => {
  it('scans each dist with an existing editable target', async () => {
    const scan = await scanSitePackages(fs, environment.sitePackages);
    for (const [backend, project] of projects) {
      const dist = scan.dists.find((d) => d.info.amplifierEntryPoints.some((ep) => ep.name === idOf(backend)));
      expect(dist, backend).toBeDefined();
      expect(dist?.editable).toBe(true);
      expect(dist?.installedFrom).toBe(project.dir);
      expect(dist?.targets.length).toBeGreaterThan(1);
      expect(dist?.targets.every((t) => t.exists)).toBe(true);
    }
    const flat = scan.dists.find((d) => d.info.key === 'amplifier-module-tool-setuptools-flat');
    expect(flat?.mappings.map((m) => m.path)).toEqual([
      join(projects.get('setuptools-flat')?.dir ?? '', 'amplifier_module_tool_setuptools_flat'),
    ]);
  });

  it('audits every module ok, with origin inside the source and the entry point attribute found', async () => {
    const modules = [...projects].map(([backend, p]) => ({ id: idOf(backend), expectedPath: p.dir }));
    const audits = await auditModules(modules, ctx(true));
    for (const [backend, project] of projects) {
      const audit = audits.get(idOf(backend));
      expect(audit?.findings, backend).toEqual([]);
      expect(audit?.status).toBe('ok');
      expect(audit?.origin?.startsWith(project.dir)).toBe(true);
    }
  });

  it('calls a module stale when it resolves to another directory than the one installed', async () => {
    const elsewhere = join(root, 'elsewhere');
    await cp(projects.get('flit')?.dir ?? '', elsewhere, { recursive: true });
    const audits = await auditModules([{ id: idOf('flit'), expectedPath: elsewhere }], ctx());
    const audit = audits.get(idOf('flit'));
    expect(audit?.status).toBe('stale');
    expect(audit?.findings.map((f) => f.code)).toContain('installed-from-other-dir');
    expect(audit?.findings[0]?.fix).toContain(`-m pip install -e ${elsewhere}`);
  });

  it('finds a broken link inside a setuptools strict link tree', async () => {
    const strict = projects.get('setuptools-strict');
    if (!strict) throw new Error('strict project missing');
    const extra = join(strict.packageParent, strict.importName, 'extra.py');
    await rm(extra);
    try {
      const audit = (await auditModules([{ id: idOf('setuptools-strict'), expectedPath: strict.dir }], ctx())).get(
        idOf('setuptools-strict'),
      );
      expect(audit?.status).toBe('dangling');
      const broken = audit?.findings.find((f) => f.code === 'link-target-missing');
      expect(broken?.target).toMatch(/build\/__editable__\.[^/]+\/amplifier_module_tool_setuptools_strict\/extra\.py$/);
    } finally {
      await writeFile(extra, 'VALUE = 1\n');
    }
  });

  it('sees every backend dangle once its sources are moved away', async () => {
    const moved = join(root, 'moved');
    await cp(join(root, 'src'), moved, { recursive: true });
    await rm(join(root, 'src'), { recursive: true });
    try {
      const modules = [...projects].map(([backend, p]) => ({ id: idOf(backend), expectedPath: p.dir }));
      const audits = await auditModules(modules, ctx());
      for (const [backend, project] of projects) {
        const audit = audits.get(idOf(backend));
        expect(audit?.status, backend).toBe('dangling');
        const codes = audit?.findings.map((f) => f.code) ?? [];
        expect(codes).toContain('editable-target-missing');
        const pointer = backend === 'setuptools-flat' ? 'finder-target-missing' : 'pth-target-missing';
        expect(codes, backend).toContain(pointer);
        expect(audit?.findings.find((f) => f.code === 'editable-target-missing')?.target).toBe(project.dir);
      }
    } finally {
      await rm(join(root, 'src'), { recursive: true, force: true });
      await cp(moved, join(root, 'src'), { recursive: true });
    }
  });
});
