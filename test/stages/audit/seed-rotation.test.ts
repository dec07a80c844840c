/**
 * The bug of seeds/000 end to end: a module installed editable from `<home>/cache/<repo>-<hashA>`, the cache
 * rotates to `<repo>-<hashB>`, hashA is deleted. The audit must say `dangling`, name the missing path and the new
 * one, doctor --fix must repair it, and prune must never remove a directory an editable points into.
 */
import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src/commands/doctor/run-doctor.js';
import { prune } from '../../../src/commands/prune/prune-clones.js';
import { nodeExec } from '../../../src/ports/node-exec.js';
import { nodeFileSystem as fs } from '../../../src/ports/node-fs.js';
import { silentLogger } from '../../../src/ports/stream-logger.js';
import { locateEnvironment } from '../../../src/python/locate.js';
import { layoutADirName } from '../../../src/source/cache-layout.js';
import { auditModules } from '../../../src/stages/audit/audit-modules.js';
import { writeCacheMeta } from '../../../src/stages/fetch/cache-meta.js';
import { installModules } from '../../../src/stages/install/install-modules.js';
import { writeModuleProject } from '../../helpers/python-projects.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../../helpers/venv.js';

const ID = 'provider-github-copilot';
const URL = 'https://github.com/microsoft/amplifier-module-provider-github-copilot';

let root: string;
let home: string;
let venv: TestVenv;
let dirA: string;
let dirB: string;

const installCtx = () => ({
  session: venv.session,
  installer: 'pip' as const,
  extraArgs: OFFLINE_PIP_ARGS,
  env: process.env,
  fs,
  exec: nodeExec,
  logger: silentLogger,
});

const auditCtx = async () => ({
  fs,
  session: venv.session,
  importCheck: true,
  logger: silentLogger,
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-seed-'));
  home = join(root, 'home');
  venv = await createVenv(root);
  dirA = join(home, 'cache', layoutADirName({ url: URL, ref: 'v2.1.1' }));
  dirB = join(home, 'cache', layoutADirName({ url: URL, ref: 'main' }));
  await writeModuleProject(dirA, { id: ID, backend: 'hatchling', version: '2.1.1' });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('cache hash rotation (seeds/000)', () => {
  it('installs from hashA in one installer call and audits ok', async () => {
    const outcome = await installModules([{ id: ID, path: dirA }], installCtx());
    expect(outcome.failed).toEqual([]);
    expect(outcome.installed).toEqual([{ id: ID, path: dirA }]);
    expect(outcome.commands).toHaveLength(1);
    const audit = (await auditModules([{ id: ID, expectedPath: dirA }], await auditCtx())).get(ID);
    expect(audit?.status).toBe('ok');
    expect(audit?.installedFrom).toBe(dirA);
    expect(audit?.distribution).toBe('amplifier-module-provider-github-copilot');
  });

  it('calls the install stale once the module resolves to hashB while hashA still exists', async () => {
    await writeModuleProject(dirB, { id: ID, backend: 'hatchling', version: '2.2.0' });
    const audit = (await auditModules([{ id: ID, expectedPath: dirB }], await auditCtx())).get(ID);
    expect(audit?.status).toBe('stale');
    const finding = audit?.findings.find((f) => f.code === 'installed-from-other-dir');
    expect(finding?.message).toContain(dirA);
    expect(finding?.message).toContain(dirB);
    expect(finding?.message).toMatch(/hash [0-9a-f]{16} to [0-9a-f]{16}/);
    expect(finding?.fix).toBe(`${venv.python} -m pip install -e ${dirB}`);
    // Without declarations (doctor) the install still works, but the second clone is the latent bug: noted, not failed.
    const doctor = await runDoctor(
      {
        ...(await auditCtx()),
        exec: nodeExec,
        env: process.env,
        installerChoice: 'pip',
        installerArgs: OFFLINE_PIP_ARGS,
      },
      { fix: false },
    );
    const entry = doctor.entries.find((e) => e.id === ID);
    expect(entry?.audit.status).toBe('ok');
    expect(entry?.audit.findings.map((f) => f.code)).toEqual(['sibling-clone']);
    expect(entry?.audit.findings[0]?.message).toContain(dirB);
  });

  it('calls it dangling once hashA is deleted, naming the missing path and the new one', async () => {
    await rm(dirA, { recursive: true });
    const audit = (await auditModules([{ id: ID, expectedPath: dirB }], await auditCtx())).get(ID);
    expect(audit?.status).toBe('dangling');
    const codes = audit?.findings.map((f) => f.code);
    expect(codes).toContain('pth-target-missing');
    expect(codes).toContain('editable-target-missing');
    // The import system's own answer: find_spec returns None, exactly the bug report's symptom.
    expect(codes).toContain('module-not-found');
    const pth = audit?.findings.find((f) => f.code === 'pth-target-missing');
    expect(pth?.target).toBe(dirA);
    expect(pth?.file).toMatch(/amplifier_module_provider_github_copilot\.pth$/);
    expect(pth?.message).toContain(`now at ${dirB}`);
    expect(pth?.fix).toBe(`${venv.python} -m pip install -e ${dirB}`);
    expect(audit?.reinstallFrom).toBe(dirB);
  });

  it('prune keeps nothing the dangling editable cannot use and removes only unreferenced clones', async () => {
    const unrelated = join(
      home,
      'cache',
      layoutADirName({ url: 'https://github.com/org/amplifier-module-x', ref: 'main' }),
    );
    await mkdir(unrelated, { recursive: true });
    const environment = await locateEnvironment(venv.python, fs);
    const base = { fs, logger: silentLogger, home, environments: [environment], referenced: [] };
    const dry = await prune({ ...base, dryRun: true });
    // hashB is referenced by nothing yet (the editable still points at the deleted hashA).
    expect([...dry.removed].sort()).toEqual([dirB, unrelated].sort());
    expect((await stat(unrelated)).isDirectory()).toBe(true);
    const kept = await prune({ ...base, referenced: [{ path: dirB, by: 'declaration' }], dryRun: false });
    expect(kept.removed).toEqual([unrelated]);
    expect(kept.kept).toEqual([{ path: dirB, by: 'declaration' }]);
    // Moved into the quarantine inside the cache, not deleted: an environment prune never saw may still use it.
    expect((await readdir(join(home, 'cache'))).sort()).toEqual([
      '.quarantine',
      layoutADirName({ url: URL, ref: 'main' }),
    ]);
    expect(kept.quarantined.map((q) => q.path)).toEqual([unrelated]);
  });

  it('doctor finds the dangling editable; --fix reinstalls from the sibling clone once it records the origin', async () => {
    const undeclared = {
      ...(await auditCtx()),
      exec: nodeExec,
      env: process.env,
      installerChoice: 'pip' as const,
      installerArgs: OFFLINE_PIP_ARGS,
    };
    // Without a declared origin a clone sharing the repository's name could be anyone's: it is not trusted.
    const blind = await runDoctor(undeclared, { fix: true });
    expect(blind.entries.find((e) => e.id === ID)?.audit).toMatchObject({ status: 'dangling', reinstallFrom: null });
    expect(blind.unfixable.map((r) => r.id)).toEqual([ID]);
    expect(blind.fix).toBeNull();

    await writeCacheMeta(fs, dirB, { cached_at: '2026-01-01T00:00:00Z', ref: 'main', commit: null, git_url: URL });
    const ctx = { ...undeclared, origins: new Map([[ID, { url: URL, ref: 'main' }]]) };
    const before = await runDoctor(ctx, { fix: false });
    const entry = before.entries.find((e) => e.id === ID);
    expect(entry?.audit.status).toBe('dangling');
    expect(entry?.audit.reinstallFrom).toBe(dirB);
    expect(before.fix).toBeNull();

    const fixed = await runDoctor(ctx, { fix: true });
    expect(fixed.fix?.installed).toEqual([{ id: ID, path: dirB }]);
    const after = fixed.entries.find((e) => e.id === ID);
    expect(after?.audit.status).toBe('ok');
    expect(after?.audit.installedFrom).toBe(dirB);

    const audit = (await auditModules([{ id: ID, expectedPath: dirB }], await auditCtx())).get(ID);
    expect(audit?.status).toBe('ok');
    expect(audit?.origin).toBe(join(dirB, 'amplifier_module_provider_github_copilot', '__init__.py'));
  });

  it('prune now keeps hashB because the repaired editable points into it', async () => {
    const environment = await locateEnvironment(venv.python, fs);
    const report = await prune({
      fs,
      logger: silentLogger,
      home,
      environments: [environment],
      referenced: [],
      dryRun: true,
    });
    expect(report.removed).toEqual([]);
    expect(report.kept.map((k) => k.path)).toEqual([dirB]);
    expect(report.kept[0]?.by).toMatch(/dist-info$|\.pth$/);
  });

  it('a copy of the clone elsewhere is not mistaken for the installed one', async () => {
    const copy = join(root, 'copy');
    await cp(dirB, copy, { recursive: true });
    const audit = (await auditModules([{ id: ID, expectedPath: copy }], await auditCtx())).get(ID);
    expect(audit?.status).toBe('stale');
    expect(audit?.findings.map((f) => f.code)).toContain('origin-other-dir');
  });
});
