/**
 * A remote that cannot be reached (the git daemon stopped: connection refused) must not fail modules that are
 * cached, installed and importable: Amplifier loads the cached clone without asking, so install and verify audit
 * that clone and warn, at the declaration, that it may be behind its ref. `--strict` fails on the warning, and
 * `warm`, whose point is the remote's answer, fails as before. Built CLI, real git daemon, real venv.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { type GitDaemon, startGitDaemon } from '../helpers/git-daemon.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';

let root: string;
let ws: string;
let daemon: GitDaemon;
let venv: TestVenv;
let commit: string;

function cli(args: readonly string[], declarations = 'profile.md') {
  const run = runBuiltCli(
    [
      ...args,
      '--profile',
      join(ws, declarations),
      '--home',
      join(root, 'home'),
      '--workspace',
      ws,
      '--python',
      venv.python,
      ...(args[0] === 'warm' ? [] : OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`)),
    ],
    { env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
  );
  const report = args.includes('json') && run.code !== 2 ? (JSON.parse(run.stdout) as Report) : null;
  return { ...run, report };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-unreachable-'));
  ws = join(root, 'ws');
  await mkdir(ws, { recursive: true });
  const repo = join(root, 'repos', 'amplifier-module-tool-net');
  await mkdir(repo, { recursive: true });
  await writeModuleProject(repo, { id: 'tool-net', backend: 'hatchling' });
  await git(repo, ['init', '--quiet', '--initial-branch=main']);
  commit = await commitFiles(repo, {}, 'first');
  daemon = await startGitDaemon(join(root, 'repos'));
  venv = await createVenv(root);
  const toolSource = `git+${daemon.url('amplifier-module-tool-net')}@main`;
  await writeFile(
    join(ws, 'profile.md'),
    `---\nprofile:\n  name: net\ntools:\n  - module: tool-net\n    source: ${toolSource}\n---\n`,
  );
  // A bundle that gets the same module through a git include.
  const included = join(root, 'repos', 'amplifier-bundle-net');
  await mkdir(included, { recursive: true });
  await writeFile(
    join(included, 'bundle.yaml'),
    `bundle:\n  name: net-behavior\n  version: 1.0.0\ntools:\n  - module: tool-net\n    source: ${toolSource}\n`,
  );
  await git(included, ['init', '--quiet', '--initial-branch=main']);
  await commitFiles(included, {}, 'first');
  await writeFile(
    join(ws, 'bundle.md'),
    `---\nbundle:\n  name: top\n  version: 1.0.0\nincludes:\n  - bundle: git+${daemon.url('amplifier-bundle-net')}@main\n---\n`,
  );
});

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('a remote that cannot be reached', () => {
  it('leaves a cached, installed module ok with a warning at its declaration; --strict and warm fail', async () => {
    const first = cli(['verify', '--format', 'json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.report?.warnings).toEqual([]);

    await daemon.stop();
    try {
      const run = cli(['verify', '--format', 'json']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.report?.modules.map((m) => [m.id, m.status, m.resolution.source?.commit, m.fetch?.origin])).toEqual([
        ['tool-net', 'ok', commit, 'local-cache'],
      ]);
      const [warning] = run.report?.warnings ?? [];
      expect(warning).toMatchObject({ code: 'remote-unreachable', file: join(ws, 'profile.md'), line: 5 });
      expect(warning?.message).toMatch(/connection refused/i);
      expect(warning?.message).toContain(commit.slice(0, 12));
      expect(warning?.fix).toContain('--offline');

      const strict = cli(['verify', '--strict']);
      expect(strict.code, strict.stderr).toBe(1);
      expect(`${strict.stdout}${strict.stderr}`).toContain('used the clone the module cache holds');
      // The text report gives each warning's fix on the line after it.
      expect(strict.stdout).toMatch(
        /used the clone the module cache holds .*\n {2}fix: check the network and the host/,
      );

      const warm = cli(['warm', '--format', 'json']);
      expect(warm.code, warm.stderr).toBe(1);
      expect(warm.report?.modules[0]?.findings.map((f) => f.code)).toEqual(['git-failed']);
    } finally {
      await daemon.start();
    }
  });

  it('a git include whose remote cannot be reached is read from its cached clone, with a warning naming it', async () => {
    const first = cli(['verify', '--format', 'json'], 'bundle.md');
    expect(first.code, first.stderr).toBe(0);
    expect(first.report?.modules.map((m) => [m.id, m.status])).toEqual([['tool-net', 'ok']]);

    await daemon.stop();
    try {
      const run = cli(['verify', '--format', 'json'], 'bundle.md');
      expect(run.code, run.stderr).toBe(0);
      expect(run.report?.unresolvedIncludes).toEqual([]);
      expect(run.report?.modules.map((m) => [m.id, m.status])).toEqual([['tool-net', 'ok']]);
      const warnings = run.report?.warnings ?? [];
      expect(warnings.map((w) => w.code)).toEqual(['remote-unreachable', 'remote-unreachable']);
      expect(warnings[0]?.message).toContain(`include git+${daemon.url('amplifier-bundle-net')}@main`);
      expect(warnings[1]?.message).toMatch(/^tool-net: /);
    } finally {
      await daemon.start();
    }
  });
});
