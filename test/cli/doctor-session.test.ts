/**
 * `doctor` with no flags, on a machine shaped like a real Amplifier install (built CLI): the Amplifier CLI's uv tool
 * venv holding the installed amplifier-app-cli package (its `_bundle/behaviors`, a fixture written here), a git
 * bundle as `bundle.active`, a provider that only settings' `config.providers` declares, module repositories served
 * as the company mirror of https://github.com/microsoft/, and modules installed editable from the module cache by
 * plain pip with Amplifier's own install state beside them.
 *
 * Then the cache rotates the way Amplifier rotates it (the provider's ref pinned in settings, a new clone directory,
 * the old one deleted): `doctor --fix` with no flags repairs it from the clone the settings name, and the `verify`
 * after it installs nothing.
 */
import { lstat, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeExec } from '../../src/ports/node-exec.js';
import { nodeFileSystem } from '../../src/ports/node-fs.js';
import type { Report } from '../../src/report/report.js';
import { layoutAPath } from '../../src/source/cache-layout.js';
import { fingerprintOf } from '../../src/stages/install/fingerprint.js';
import { commitFiles, git, makeModuleRepo } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { sessionOf } from '../helpers/python-session.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { BASE_PYTHON, OFFLINE_PIP_ARGS, pipInstallEditable, type TestVenv } from '../helpers/venv.js';

const MS = 'https://github.com/microsoft';
const installerArgs = OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`);
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

let root: string;
let home: string;
let userHome: string;
let workspace: string;
let tools: string;
let served: string;
let toolVenv: TestVenv;

function cli(args: readonly string[]) {
  return runBuiltCli([...args, '--home', home, '--workspace', workspace], {
    cwd: workspace,
    env: { HOME: userHome, UV_TOOL_DIR: tools, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
  });
}

function json(run: { stdout: string; stderr: string }): Report {
  try {
    return JSON.parse(run.stdout) as Report;
  } catch {
    throw new Error(`not JSON:\n${run.stdout}\n${run.stderr}`);
  }
}

const cloneOf = (repo: string, ref: string) => layoutAPath(home, { url: `${MS}/${repo}`, ref, subdirectory: null });

async function settings(providerRef: string): Promise<void> {
  await writeFile(
    join(home, 'settings.yaml'),
    yaml(
      'bundle:',
      `  active: git+${MS}/amplifier-bundle-app@main`,
      'config:',
      '  providers:',
      '    - module: provider-copilot',
      `      source: git+${MS}/amplifier-module-provider-copilot@${providerRef}`,
    ),
  );
}

/** What Amplifier records after installing: `<home>/cache/install-state.json`, with its fingerprints. */
async function amplifierInstallState(dirs: readonly string[]): Promise<void> {
  const modules: Record<string, { pyproject_hash: string }> = {};
  for (const dir of dirs) {
    const fingerprint = await fingerprintOf(nodeFileSystem, dir);
    if (!fingerprint.ok) throw new Error(fingerprint.error);
    modules[dir] = { pyproject_hash: fingerprint.value.combined };
  }
  const mtime = Math.trunc((await lstat(toolVenv.python)).mtimeMs / 1000);
  await writeFile(
    join(home, 'cache', 'install-state.json'),
    JSON.stringify({ version: 1, python: toolVenv.python, python_mtime: mtime, modules }, null, 2),
  );
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-doctor-session-'));
  home = join(root, 'amplifier-home');
  userHome = join(root, 'user');
  workspace = join(root, 'ws');
  tools = join(root, 'uv-tools');
  served = join(root, 'mirror', 'microsoft');
  for (const dir of [home, userHome, workspace, tools]) await mkdir(dir, { recursive: true });

  // The active bundle declares tool-skills as foundation does (from the skills bundle); the CLI's skills behavior,
  // composed later, names the module repository instead: that source wins in a session.
  await makeModuleRepo(served, 'amplifier-bundle-app', {
    'bundle.md': yaml(
      '---',
      'bundle: {name: app, version: 1.0.0}',
      'tools:',
      `  - {module: tool-skills, source: "git+${MS}/amplifier-bundle-skills@main#subdirectory=modules/tool-skills"}`,
      '---',
    ),
  });
  await makeModuleRepo(served, 'amplifier-bundle-modes', {
    'behaviors/modes.yaml': yaml('bundle: {name: modes-behavior, version: 1.0.0}'),
  });
  await makeModuleRepo(served, 'amplifier-bundle-wayfinder', {
    'behaviors/wayfinder.yaml': yaml('bundle: {name: wayfinder-behavior, version: 1.0.0}'),
  });
  await makeModuleRepo(served, 'amplifier-bundle-skills', {
    'behaviors/skills.yaml': yaml(
      'bundle: {name: skills-behavior, version: 1.0.0}',
      'tools:',
      `  - {module: tool-skills, source: "git+${MS}/amplifier-module-tool-skills@main"}`,
    ),
  });
  for (const [name, id] of [
    ['amplifier-module-tool-skills', 'tool-skills'],
    ['amplifier-module-provider-copilot', 'provider-copilot'],
  ] as const) {
    const repo = join(served, name);
    await mkdir(repo, { recursive: true });
    await writeModuleProject(repo, { id, backend: 'setuptools-flat', version: '2.1.1' });
    await git(repo, ['init', '--quiet', '--initial-branch=main']);
    await commitFiles(repo, {}, 'first');
    await git(repo, ['tag', 'v1']);
    await commitFiles(repo, { 'CHANGELOG.md': '2.2.0\n' }, 'second');
    await git(repo, ['tag', 'v2']);
  }
  await git(userHome, ['config', '--file', join(userHome, '.gitconfig'), `url.file://${served}/.insteadOf`, `${MS}/`]);

  // The Amplifier CLI's tool venv, with the installed amplifier-app-cli package's own bundle (a wheel's layout).
  const venvDir = join(tools, 'amplifier');
  const made = await nodeExec.run(BASE_PYTHON, ['-m', 'venv', '--system-site-packages', '--without-pip', venvDir]);
  expect(made.code, made.stderr).toBe(0);
  const toolPython = join(venvDir, 'bin', 'python');
  toolVenv = { dir: venvDir, python: toolPython, session: await sessionOf(toolPython) };
  const versionRun = await nodeExec.run(toolVenv.python, [
    '-c',
    'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")',
  ]);
  const site = join(venvDir, 'lib', `python${versionRun.stdout.trim()}`, 'site-packages');
  const bundleRoot = join(site, 'amplifier_app_cli', '_bundle');
  await mkdir(join(bundleRoot, 'behaviors'), { recursive: true });
  await mkdir(join(bundleRoot, 'agents'), { recursive: true });
  await writeFile(join(site, 'amplifier_app_cli', '__init__.py'), '');
  await writeFile(join(bundleRoot, 'bundle.md'), yaml('---', 'bundle: {name: app-cli, version: 1.0.0}', '---'));
  await writeFile(
    join(bundleRoot, 'behaviors', 'cli-expertise.yaml'),
    yaml('bundle: {name: behavior-cli-expertise, version: 0.1.0}', 'agents:', '  include:', '    - app-cli:cli-expert'),
  );
  await writeFile(
    join(bundleRoot, 'agents', 'cli-expert.md'),
    yaml('---', 'meta: {name: cli-expert, description: x}', '---'),
  );

  // Amplifier's first start: every repository cloned (here by warm, into the same layout), modules installed by pip.
  await settings('v1');
  const warm = cli(['warm', '--session', '--format', 'json']);
  expect(warm.code, warm.stderr).toBe(0);
  expect(json(warm).unresolvedIncludes).toEqual([]);
  const dirs = [cloneOf('amplifier-module-tool-skills', 'main'), cloneOf('amplifier-module-provider-copilot', 'v1')];
  await pipInstallEditable(toolVenv, dirs);
  await amplifierInstallState(dirs);
}, 180_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('doctor with no flags audits what Amplifier loads', () => {
  it('on a healthy CLI environment: the session composition, tool-skills from the CLI behavior, exit 0', () => {
    const run = cli(['doctor']);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`chosen as the Amplifier CLI tool venv`);
    expect(run.stdout).toMatch(
      /declarations: .*bundle\.md: the active bundle 'git\+https:\/\/github\.com\/microsoft\/amplifier-bundle-app@main' \(bundle\.active, .*settings\.yaml:2\), composed as the Amplifier CLI composes a session/,
    );
    expect(run.stdout).not.toContain('unresolved include');
    expect(run.stdout).toContain('doctor: 2 editable install(s) ok, 0 failed');
  });

  it('a git bundle as bundle.active still gets the CLI package behavior, with nothing skipped under --strict', () => {
    const run = cli(['doctor', '--strict', '--format', 'json']);
    const report = json(run);
    expect(report.unresolvedIncludes).toEqual([]);
    expect(report.declarations?.session).toBe(true);
    expect(run.code, run.stdout).toBe(0);
  });

  it('a skipped include under --strict fails the run (exit 1) naming it, not as bad input', async () => {
    const bundle = join(workspace, 'broken.md');
    await writeFile(
      bundle,
      yaml('---', 'bundle: {name: b, version: 1.0.0}', 'includes:', '  - nowhere:behaviors/x', '---'),
    );
    const run = cli(['verify', '--no-install', '-p', bundle, '--strict', '--python', toolVenv.python]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain("include 'nowhere:behaviors/x' skipped");
  });
});

describe('the rotation Amplifier makes, repaired by doctor --fix with no flags', () => {
  const oldDir = () => cloneOf('amplifier-module-provider-copilot', 'v1');
  const newDir = () => cloneOf('amplifier-module-provider-copilot', 'v2');

  it('pins the provider in settings, clones the new directory, deletes the old one: doctor finds it dangling', async () => {
    await settings('v2');
    const warm = cli(['warm', '--session']);
    expect(warm.code, warm.stderr).toBe(0);
    await rm(oldDir(), { recursive: true, force: true });
    const run = cli(['doctor', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(json(run).modules.find((m) => m.id === 'provider-copilot')?.status).toBe('dangling');
  });

  it('doctor --fix reinstalls it from the clone config.providers names, saying so, and records it', () => {
    const run = cli(['doctor', '--fix', ...installerArgs]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`note: provider-copilot: doctor --fix reinstalled it from ${newDir()}`);
    expect(run.stdout).toContain(`the clone the declaration names (${MS}/amplifier-module-provider-copilot@v2)`);
    expect(run.stdout).not.toContain('warm first');
  });

  it('the verify after it installs nothing', () => {
    const run = cli(['verify', '--session', ...installerArgs, '--format', 'json']);
    const report = json(run);
    expect(run.code, run.stdout).toBe(0);
    expect(report.environment?.python).toBe(toolVenv.python);
    expect(report.modules.filter((m) => m.install?.installed).map((m) => `${m.id}: ${m.install?.reason}`)).toEqual([]);
  });
});
