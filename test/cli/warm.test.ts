/**
 * `warm` through the built CLI on real git repositories: every module pinned to a commit and fetched into its
 * layout-A directory; a second run is served by the module cache; --offline never touches the network.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { layoutARepoDir } from '../../src/source/cache-layout.js';
import { commitFiles, makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { runBuiltCli } from '../helpers/run-cli.js';

let root: string;
let home: string;
let profile: string;
let repos: TestRepo[];

function warm(...args: string[]) {
  const run = runBuiltCli(
    ['warm', '--profile', profile, '--home', home, '--workspace', root, '--format', 'json', ...args],
    {
      env: { VIRTUAL_ENV: undefined },
    },
  );
  return { run, report: JSON.parse(run.stdout) as Report };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-warm-'));
  home = join(root, 'home');
  repos = [];
  for (const name of ['amplifier-module-tool-a', 'amplifier-module-tool-b', 'amplifier-bundle-multi']) {
    repos.push(await makeModuleRepo(join(root, 'repos'), name));
  }
  const multi = repos[2]!;
  await commitFiles(multi.path, {
    'modules/hooks-x/pyproject.toml': '[project]\nname = "x"\nversion = "1"\n',
    'modules/hooks-y/pyproject.toml': '[project]\nname = "y"\nversion = "1"\n',
  });
  profile = join(root, 'profile.yaml');
  await writeFile(
    profile,
    [
      'profile: {name: warm}',
      'tools:',
      `  - {module: tool-a, source: "git+${repos[0]!.url}@main"}`,
      `  - {module: tool-b, source: "git+${repos[1]!.url}@main"}`,
      'hooks:',
      `  - {module: hooks-x, source: "git+${multi.url}@main#subdirectory=modules/hooks-x"}`,
      `  - {module: hooks-y, source: "git+${multi.url}@main#subdirectory=modules/hooks-y"}`,
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('warm (built CLI)', () => {
  it('pins every ref, fetches each repository once into layout A and writes the metadata', async () => {
    const { run, report } = warm();
    expect(run.code).toBe(0);
    expect(report.modules.map((m) => m.fetch?.origin)).toEqual(['network', 'network', 'network', 'network']);
    for (const module of report.modules) expect(module.resolution.source?.commit).toMatch(/^[0-9a-f]{40}$/);
    const multiDir = layoutARepoDir(home, { url: repos[2]!.url, ref: 'main' });
    expect(report.modules[2]?.path).toBe(join(multiDir, 'modules/hooks-x'));
    const meta = JSON.parse(await readFile(join(multiDir, '.amplifier_cache_meta.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(meta).toMatchObject({
      ref: 'main',
      git_url: repos[2]!.url,
      commit: report.modules[2]?.resolution.source?.commit,
    });
    expect(run.stderr).not.toMatch(/error/i);
  });

  it('a second warm of the unchanged profile is served by the module cache', () => {
    const { run, report } = warm();
    expect(run.code).toBe(0);
    expect(new Set(report.modules.map((m) => m.fetch?.origin))).toEqual(new Set(['local-cache']));
  });

  it('--offline pins from the cache; a repository it does not hold is an error naming it', async () => {
    expect(warm('--offline').run.code).toBe(0);
    const extra = await makeModuleRepo(join(root, 'repos'), 'amplifier-module-tool-new');
    const original = await readFile(profile, 'utf8');
    await writeFile(profile, `${original}\n  - {module: hooks-new, source: "git+${extra.url}@main"}\n`);
    const { run, report } = warm('--offline');
    expect(run.code).toBe(1);
    const failed = report.modules.find((m) => m.id === 'hooks-new');
    expect(failed?.status).toBe('fetch-failed');
    expect(failed?.findings[0]?.code).toBe('offline-miss');
    expect(failed?.fix).toContain('without --offline');
    await writeFile(profile, original);
  });

  it('a moved branch is updated in place at the same path with the new commit', async () => {
    const before = warm().report.modules[0];
    const moved = await commitFiles(repos[0]!.path, { 'CHANGELOG.md': 'next\n' });
    const after = warm().report.modules[0];
    expect(after?.path).toBe(before?.path);
    expect(after?.resolution.source?.commit).toBe(moved);
    expect(after?.fetch?.origin).toBe('network');
  });

  it("verify --no-install reads the module cache but never fetches: a missing checkout is the audit's finding", async () => {
    const absent = await makeModuleRepo(join(root, 'repos'), 'amplifier-module-tool-absent');
    const lone = join(root, 'lone.yaml');
    await writeFile(
      lone,
      `profile: {name: lone}\ntools:\n  - {module: tool-absent, source: "git+${absent.url}@main"}\n`,
    );
    const run = runBuiltCli(
      ['verify', '--no-install', '-p', lone, '--home', home, '--python', '/usr/bin/python3', '--format', 'json'],
      {
        env: { VIRTUAL_ENV: undefined },
      },
    );
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code).toBe(1);
    expect(report.modules[0]?.status).toBe('not-installed');
    expect(report.modules[0]?.fetch).toBeUndefined();
    expect(existsSync(layoutARepoDir(home, { url: absent.url, ref: 'main' }))).toBe(false);
  });
});
