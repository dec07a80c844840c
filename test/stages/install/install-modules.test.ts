/** The real batched install with pip: one call when all is well, the broken module isolated when not. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeExec } from '../../../src/ports/node-exec.js';
import { nodeFileSystem as fs } from '../../../src/ports/node-fs.js';
import { silentLogger } from '../../../src/ports/stream-logger.js';
import { auditModules } from '../../../src/stages/audit/audit-modules.js';
import { failureMessage } from '../../../src/stages/install/failure-words.js';
import { installModules } from '../../../src/stages/install/install-modules.js';
import { writeModuleProject } from '../../helpers/python-projects.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../../helpers/venv.js';

let root: string;
let venv: TestVenv;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-install-'));
  venv = await createVenv(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ctx = () => ({
  session: venv.session,
  installer: 'pip' as const,
  extraArgs: OFFLINE_PIP_ARGS,
  env: process.env,
  fs,
  exec: nodeExec,
  logger: silentLogger,
});

describe('installModules with pip', () => {
  it('installs the good modules, reports the broken one with the installer message, and skips non-Python ones', async () => {
    const good1 = await writeModuleProject(join(root, 'good1'), { id: 'tool-one', backend: 'flit' });
    const good2 = await writeModuleProject(join(root, 'good2'), { id: 'tool-two', backend: 'setuptools-src' });
    const bad = join(root, 'bad');
    await mkdir(bad);
    await writeFile(
      join(bad, 'pyproject.toml'),
      '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "bad"\nversion = "1"\n',
    );
    await writeFile(join(bad, 'setup.py'), 'raise SystemExit("this module cannot be built")\n');
    const wasm = join(root, 'wasm');
    await mkdir(wasm);
    await writeFile(join(wasm, 'amplifier.toml'), '[module]\nname = "tool-wasm"\ntransport = "wasm"\n');
    const outcome = await installModules(
      [
        { id: 'tool-one', path: good1.dir },
        { id: 'tool-bad', path: bad },
        { id: 'tool-two', path: good2.dir },
        { id: 'tool-wasm', path: wasm },
        { id: 'tool-missing', path: join(root, 'nowhere') },
      ],
      ctx(),
    );
    expect(outcome.installer).toBe('pip');
    expect(outcome.installed.map((i) => i.id).sort()).toEqual(['tool-one', 'tool-two']);
    expect(outcome.skipped.map((s) => s.id)).toEqual(['tool-wasm']);
    expect(outcome.failed.map((f) => f.id).sort()).toEqual(['tool-bad', 'tool-missing']);
    expect(failureMessage(outcome.failed.find((f) => f.id === 'tool-bad')!)).toContain('this module cannot be built');
    // The whole batch first, then the batch without the module the output blamed.
    expect(outcome.commands).toHaveLength(2);
    expect(outcome.commands[0]?.args.filter((a) => a === '-e')).toHaveLength(3);
    expect(outcome.commands[1]?.args).not.toContain(bad);

    const audits = await auditModules(
      [
        { id: 'tool-one', expectedPath: good1.dir },
        { id: 'tool-two', expectedPath: good2.dir },
        {
          id: 'tool-bad',
          expectedPath: bad,
          installError: failureMessage(outcome.failed.find((f) => f.id === 'tool-bad')!),
        },
      ],
      {
        fs,
        session: venv.session,
        importCheck: false,
        logger: silentLogger,
      },
    );
    expect(audits.get('tool-one')?.status).toBe('ok');
    expect(audits.get('tool-two')?.status).toBe('ok');
    expect(audits.get('tool-bad')?.status).toBe('install-failed');
  });
});
