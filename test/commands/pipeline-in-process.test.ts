/**
 * The whole flow called in-process, as a library caller runs it: `runPipeline` with the real Node ports, a real
 * `git daemon` on 127.0.0.1 serving the module, and a real venv with a real `pip install -e`. Each command's
 * returned Report is checked directly (the spawned-`dist/` tests keep the exit-code and stdout contract).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandOptions, nodePorts, pipelineOptions } from '../../src/library/library-run.js';
import type { CommandName } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline.js';
import type { Report } from '../../src/report/report.js';
import { layoutAPath } from '../../src/source/cache-layout.js';
import { type GitDaemon, startGitDaemon } from '../helpers/git-daemon.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';

const REPO = 'amplifier-module-tool-flow';

let root: string;
let home: string;
let workspace: string;
let profile: string;
let venv: TestVenv;
let daemon: GitDaemon;
let commits: { v1: string; v2: string };

const url = () => daemon.url(REPO);
const dirAt = (ref: string) => layoutAPath(home, { url: url(), ref, subdirectory: null });

async function declare(ref: string): Promise<void> {
  await writeFile(
    profile,
    `---\nprofile: {name: flow}\ntools:\n  - module: tool-flow\n    source: git+${url()}@${ref}\n---\n`,
  );
}

/** One command through runPipeline with the real ports; the environment holds nothing of the test process's. */
async function run(command: CommandName, given: CommandOptions = {}): Promise<Report> {
  const env = { PATH: process.env.PATH, HOME: join(root, 'user'), PIP_DISABLE_PIP_VERSION_CHECK: '1' };
  const options = pipelineOptions(command, {
    cwd: workspace,
    env,
    profiles: [profile],
    home,
    ...given,
  });
  const { report, cachePlan } = await runPipeline(options, nodePorts({ env }));
  // No CI cache store outside the action: nothing is planned for a post step.
  expect(cachePlan).toBeNull();
  expect(report.command).toBe(command);
  return report;
}

const withPython = (): CommandOptions => ({
  python: venv.python,
  installer: 'pip',
  installerArgs: [...OFFLINE_PIP_ARGS],
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-in-process-'));
  home = join(root, 'amplifier-home');
  workspace = join(root, 'ws');
  profile = join(workspace, 'profile.md');
  const served = join(root, 'served');
  const repo = join(served, REPO);
  await mkdir(repo, { recursive: true });
  await mkdir(workspace, { recursive: true });
  await writeModuleProject(repo, { id: 'tool-flow', backend: 'hatchling', version: '1.0.0' });
  await git(repo, ['init', '--quiet', '--initial-branch=main']);
  commits = { v1: await commitFiles(repo, {}, 'v1'), v2: '' };
  await git(repo, ['tag', 'v1']);
  commits.v2 = await commitFiles(repo, { 'CHANGELOG.md': '1.1.0\n' }, 'v2');
  await git(repo, ['tag', 'v2']);
  daemon = await startGitDaemon(served);
  venv = await createVenv(root);
}, 120_000);

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('runPipeline in-process with real git, venv and files', () => {
  it('resolve: the declared git source wins at the profile layer, expected in its layout-A directory', async () => {
    await declare('v1');
    const report = await run('resolve');
    expect(report.ok).toBe(true);
    expect(report.cache).toEqual({ key: null, matchedKey: null, hit: 'off' });
    expect(report.modules).toHaveLength(1);
    expect(report.modules[0]).toMatchObject({
      id: 'tool-flow',
      kind: 'tool',
      status: 'ok',
      path: dirAt('v1'),
      resolution: { layer: 'profile', source: { type: 'git', url: url(), ref: 'v1', commit: null } },
    });
    // resolve never fetches.
    expect(existsSync(dirAt('v1'))).toBe(false);
  });

  it('warm: pins the ref over the network and clones it into the module cache', async () => {
    const report = await run('warm');
    expect(report.ok).toBe(true);
    expect(report.modules[0]).toMatchObject({
      status: 'ok',
      fetch: { origin: 'network' },
      resolution: { source: { commit: commits.v1 } },
    });
    expect(await git(dirAt('v1'), ['rev-parse', 'HEAD'])).toBe(commits.v1);
    // A second warm finds the clone in the module cache.
    const again = await run('warm');
    expect(again.modules[0]?.fetch?.origin).toBe('local-cache');
  });

  it('verify: installs editable into the venv and every import target checks out', async () => {
    const report = await run('verify', withPython());
    expect(report.ok).toBe(true);
    expect(report.python).toBe(venv.python);
    expect(report.installer).toBe('pip');
    expect(report.modules[0]).toMatchObject({
      status: 'ok',
      path: dirAt('v1'),
      findings: [],
      install: { installed: true },
    });
  });

  it('verify --no-install: after the cache rotates and the old clone is deleted, the module is dangling', async () => {
    await declare('v2');
    expect((await run('warm')).ok).toBe(true);
    await rm(dirAt('v1'), { recursive: true, force: true });
    const report = await run('verify', { ...withPython(), install: false });
    expect(report.ok).toBe(false);
    const module = report.modules[0];
    expect(module?.status).toBe('dangling');
    expect(module?.findings.map((finding) => finding.code)).toContain('editable-target-missing');
    expect(module?.fix).toContain(dirAt('v2'));
  });

  it('doctor: reports the dangling install, and with fix reinstalls it from the new clone', async () => {
    const seen = await run('doctor', withPython());
    expect(seen.ok).toBe(false);
    expect(seen.environment).toMatchObject({ python: venv.python });
    expect(seen.modules.find((m) => m.id === 'tool-flow')?.status).toBe('dangling');

    const fixed = await run('doctor', { ...withPython(), fix: true });
    expect(fixed.ok).toBe(true);
    expect(fixed.modules.find((m) => m.id === 'tool-flow')).toMatchObject({ status: 'ok', path: dirAt('v2') });
    expect((await run('verify', { ...withPython(), install: false })).ok).toBe(true);
  });

  it('prune: lists a clone nothing references and keeps the one the editable install and the profile use', async () => {
    const stray = join(home, 'cache', `${REPO}-0123456789abcdef`);
    await mkdir(join(stray, '.git'), { recursive: true });
    const dry = await run('prune', { python: venv.python, dryRun: true });
    expect(dry.ok).toBe(true);
    expect(dry.prune).toMatchObject({ dryRun: true, removed: [stray] });
    expect(dry.prune?.kept.map((kept) => kept.path)).toContain(dirAt('v2'));
    expect(existsSync(stray)).toBe(true);

    const real = await run('prune', { python: venv.python });
    expect(real.prune?.removed).toEqual([stray]);
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(dirAt('v2'))).toBe(true);
  });
});
