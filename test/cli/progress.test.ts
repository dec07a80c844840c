/**
 * What a person at a terminal sees during long work, through the built CLI: `warm` says each repository as it
 * finishes (status, where from, time), `install` shows a heartbeat while the installer runs and, with -v, the
 * installer's own output; status words are coloured only for a terminal and never with NO_COLOR.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, git } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';

const ESC = '\u001b[';
let root: string;
let profile: string;
let venv: TestVenv;
const repos: string[] = [];

function cli(args: readonly string[], env: Record<string, string> = {}) {
  return runBuiltCli([...args, '--profile', profile, '--home', join(root, 'home'), '--workspace', root], {
    env: { PIP_DISABLE_PIP_VERSION_CHECK: '1', ...env },
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-progress-'));
  for (const id of ['tool-one', 'tool-two']) {
    const repo = join(root, 'repos', `amplifier-module-${id}`);
    await mkdir(repo, { recursive: true });
    await writeModuleProject(repo, { id, backend: 'setuptools-flat', version: '1.0.0' });
    await git(repo, ['init', '--quiet', '--initial-branch=main']);
    await commitFiles(repo, {}, 'first');
    repos.push(repo);
  }
  profile = join(root, 'profile.md');
  const tools = repos
    .map((repo, i) => `  - module: tool-${i === 0 ? 'one' : 'two'}\n    source: git+file://${repo}@main`)
    .join('\n');
  await writeFile(profile, `---\nprofile: {name: progress}\ntools:\n${tools}\n---\n`);
  venv = await createVenv(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('progress lines', () => {
  it('warm says each repository as it finishes: status, origin and time', () => {
    const cold = cli(['warm']);
    expect(cold.code, cold.stdout).toBe(0);
    for (const repo of repos)
      expect(cold.stdout).toMatch(new RegExp(`file://${repo}@main: ok \\(network, \\d+\\.\\d\\d s\\)`));
    const warm = cli(['warm']);
    for (const repo of repos)
      expect(warm.stdout).toMatch(new RegExp(`file://${repo}@main: ok \\(local-cache, \\d+\\.\\d\\d s\\)`));
  });

  it('install shows a heartbeat, and with -v streams the installer’s own output', () => {
    const installerArgs = OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`);
    const args = ['install', '--python', venv.python, '--installer', 'pip', ...installerArgs];
    // A heartbeat every 10 ms: any real pip run outlasts several.
    const verbose = cli([...args, '-v'], { AMPLIFIER_MODULES_HEARTBEAT_SECONDS: '0.01' });
    expect(verbose.code, verbose.stdout).toBe(0);
    expect(verbose.stdout).toMatch(/^still installing \(\d+ s so far\)$/m);
    expect(verbose.stdout).toMatch(/^debug: installer: .*Successfully installed/m);
    const quiet = cli(args);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('installer:');
  });
});

describe('colour', () => {
  it('status words are coloured for a terminal (FORCE_COLOR stands in for one), never with NO_COLOR or piped', () => {
    const coloured = cli(['resolve'], { FORCE_COLOR: '1' });
    expect(coloured.stdout).toContain(`${ESC}32mok${ESC}39m`);
    expect(cli(['resolve'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain(ESC);
    const piped = cli(['resolve']);
    expect(piped.stdout).not.toContain(ESC);
    expect(piped.stdout).toMatch(/^ok {2,}tool-one/m);
  });

  it('a failed status is red, and JSON output is never coloured', () => {
    const failing = join(root, 'failing.md');
    return writeFile(
      failing,
      '---\nprofile: {name: f}\ntools:\n  - {module: tool-gone, source: ./nowhere}\n---\n',
    ).then(() => {
      const run = runBuiltCli(['resolve', '-p', failing], { env: { FORCE_COLOR: '1' } });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`${ESC}31munresolved${ESC}39m`);
      const json = runBuiltCli(['resolve', '-p', failing, '--format', 'json'], { env: { FORCE_COLOR: '1' } });
      expect(json.stdout).not.toContain(ESC);
    });
  });
});
