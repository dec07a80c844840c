/**
 * Install failures a user can act on, on real pip builds in real venvs: the root cause is the first meaningful
 * error of the build (not pip's closing `hint:` line), a cause outside the project's own code (a missing build
 * backend, hatchling's `editables`) costs one installer run for every project built the same way, and a cause in
 * one project's own code is never pinned on the others. Hatchling's default editable mode is built for real once
 * `editables` is installed.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeExec } from '../../../src/ports/node-exec.js';
import { nodeFileSystem as fs } from '../../../src/ports/node-fs.js';
import { silentLogger } from '../../../src/ports/stream-logger.js';
import { auditModules } from '../../../src/stages/audit/audit-modules.js';
import { failureFix, failureMessage } from '../../../src/stages/install/failure-words.js';
import { causeSummary } from '../../../src/stages/install/install-cause.js';
import { formatCommandLine } from '../../../src/stages/install/install-command.js';
import { type InstallRequest, installModules } from '../../../src/stages/install/install-modules.js';
import { writeModuleProject } from '../../helpers/python-projects.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../../helpers/venv.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-root-cause-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ctx = (venv: TestVenv) => ({
  session: venv.session,
  installer: 'pip' as const,
  extraArgs: OFFLINE_PIP_ARGS,
  env: process.env,
  fs,
  exec: nodeExec,
  logger: silentLogger,
});

/** Module repositories shaped like the real ones: hatchling, no dev-mode-dirs, an amplifier.modules entry point. */
async function hatchlingModules(parent: string, ids: readonly string[]): Promise<InstallRequest[]> {
  const requests: InstallRequest[] = [];
  for (const id of ids) {
    const project = await writeModuleProject(join(parent, id), {
      id,
      backend: 'hatchling',
      hatchlingDefaultEditable: true,
    });
    requests.push({ id, path: project.dir });
  }
  return requests;
}

async function writeProject(dir: string, pyproject: string, files: Record<string, string> = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'pyproject.toml'), pyproject);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('the root cause of a failed editable build', () => {
  it("names hatchling's missing 'editables' and fails every module built that way in ONE installer run", async () => {
    const venv = await createVenv(join(root, 'no-editables'));
    const parent = join(root, 'hatch');
    const broken = await hatchlingModules(parent, ['tool-a', 'tool-b', 'hooks-c']);
    // Same backend but dev-mode-dirs: hatchling needs no `editables` for it, so it must not share the failure.
    const devMode = await writeModuleProject(join(parent, 'tool-dev'), { id: 'tool-dev', backend: 'hatchling' });
    const setuptools = await writeModuleProject(join(parent, 'tool-st'), { id: 'tool-st', backend: 'setuptools-flat' });
    const outcome = await installModules(
      [...broken, { id: 'tool-dev', path: devMode.dir }, { id: 'tool-st', path: setuptools.dir }],
      ctx(venv),
    );

    expect(outcome.failed.map((f) => f.id).sort()).toEqual(['hooks-c', 'tool-a', 'tool-b']);
    expect(outcome.installed.map((i) => i.id).sort()).toEqual(['tool-dev', 'tool-st']);
    // The whole batch, then the batch without every module that shares the cause: two runs, not one per module.
    expect(outcome.commands).toHaveLength(2);
    for (const failure of outcome.failed) {
      expect(failure.cause).toEqual({ kind: 'build-module-missing', module: 'editables' });
      expect(failureMessage(failure)).not.toMatch(/^hint:/m);
    }
    expect(outcome.failed.filter((f) => f.sameCauseAs === null)).toHaveLength(1);
    const fix = failureFix(outcome.failed[0]!);
    expect(fix).toContain('editables');
    expect(fix).toContain(formatCommandLine(outcome.failed[0]!.reproduce!));
  });

  it("builds hatchling's default editable mode for real once editables is installed, and the audit passes", async () => {
    const venv = await createVenv(join(root, 'with-editables'));
    const added = await nodeExec.run(
      venv.python,
      ['-m', 'pip', 'install', '--retries', '0', '-U', 'editables', 'hatchling'],
      {
        env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
      },
    );
    expect(added.code, added.stderr).toBe(0);
    const requests = await hatchlingModules(join(root, 'hatch-ok'), ['tool-a', 'tool-b']);
    const outcome = await installModules(requests, ctx(venv));
    expect(outcome.failed).toEqual([]);
    expect(outcome.commands).toHaveLength(1);
    const audits = await auditModules(
      requests.map((r) => ({ id: r.id, expectedPath: r.path })),
      {
        fs,
        session: venv.session,
        importCheck: true,
        logger: silentLogger,
      },
    );
    expect([...audits.values()].map((a) => a.status)).toEqual(['ok', 'ok']);
  });

  it('names a build backend that cannot be imported, once for all projects using it', async () => {
    const venv = await createVenv(join(root, 'backend'));
    const pyproject = (name: string) =>
      `[build-system]\nrequires = ["acme-build"]\nbuild-backend = "acme_build.api"\n[project]\nname = "${name}"\nversion = "1"\n`;
    const dirs = await Promise.all(
      ['tool-x', 'tool-y', 'tool-z'].map((id) =>
        writeProject(join(root, 'backend', id), pyproject(`amplifier-module-${id}`)),
      ),
    );
    const outcome = await installModules(
      dirs.map((path, i) => ({ id: ['tool-x', 'tool-y', 'tool-z'][i]!, path })),
      ctx(venv),
    );
    expect(outcome.commands).toHaveLength(1);
    expect(outcome.failed.map((f) => f.cause.kind === 'backend-unavailable' && f.cause.backend)).toEqual(
      Array(3).fill('acme_build'),
    );
  });

  it('names a syntax error in pyproject.toml with its line and column', async () => {
    const venv = await createVenv(join(root, 'toml'));
    const bad = await writeProject(
      join(root, 'toml', 'tool-bad'),
      '[build-system]\nrequires = ["setuptools"]\n[project\nname = "x"\n',
    );
    const good = await writeModuleProject(join(root, 'toml', 'tool-good'), {
      id: 'tool-good',
      backend: 'setuptools-flat',
    });
    const outcome = await installModules(
      [
        { id: 'tool-bad', path: bad },
        { id: 'tool-good', path: good.dir },
      ],
      ctx(venv),
    );
    expect(outcome.installed.map((i) => i.id)).toEqual(['tool-good']);
    // Read before the installer runs: the bad project costs no installer run of its own.
    expect(outcome.commands).toHaveLength(1);
    expect(causeSummary(outcome.failed[0]!.cause)).toMatch(
      /^pyproject\.toml is not valid TOML: .* at line 3, column \d+$/,
    );
  });

  it("does not pin one project's own import error on the other projects of the same backend", async () => {
    const venv = await createVenv(join(root, 'own'));
    const pyproject = '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n';
    const broken = await writeProject(
      join(root, 'own', 'tool-own'),
      `${pyproject}[project]\nname = "own"\nversion = "1"\n`,
      {
        'setup.py': 'import acme_helpers\n',
      },
    );
    const others = [
      await writeModuleProject(join(root, 'own', 'tool-p'), { id: 'tool-p', backend: 'setuptools-flat' }),
      await writeModuleProject(join(root, 'own', 'tool-q'), { id: 'tool-q', backend: 'setuptools-flat' }),
    ];
    const outcome = await installModules(
      [{ id: 'tool-own', path: broken }, ...others.map((p, i) => ({ id: ['tool-p', 'tool-q'][i]!, path: p.dir }))],
      ctx(venv),
    );
    expect(outcome.failed.map((f) => [f.id, causeSummary(f.cause)])).toEqual([
      ['tool-own', "ModuleNotFoundError: No module named 'acme_helpers'"],
    ]);
    expect(outcome.installed.map((i) => i.id).sort()).toEqual(['tool-p', 'tool-q']);
  });

  it("quotes a build's own last words when it raises no exception", async () => {
    const venv = await createVenv(join(root, 'words'));
    const pyproject =
      '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "w"\nversion = "1"\n';
    const dir = await writeProject(join(root, 'words', 'tool-w'), pyproject, {
      'setup.py':
        'import sys\nprint("the vendored schema is missing: run make schema", file=sys.stderr)\nsys.exit(3)\n',
    });
    const outcome = await installModules([{ id: 'tool-w', path: dir }], ctx(venv));
    expect(outcome.failed[0]?.cause).toEqual({
      kind: 'build-failed',
      summary: 'the vendored schema is missing: run make schema',
    });
  });
});
