/**
 * `lock`, `--locked` and `--frozen` through the built CLI, against module repositories served by a real git daemon
 * (which the tests move upstream, and stop), with a git wrapper on PATH recording every git command the product runs,
 * and a real venv for `verify --locked`.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLibraryCommand as runCommand } from '../../src/library/library-run.js';
import type { Report } from '../../src/report/report.js';
import { layoutARepoDir } from '../../src/source/cache-layout.js';
import { type GitDaemon, startGitDaemon } from '../helpers/git-daemon.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { writeModuleProject } from '../helpers/python-projects.js';
import type { OutputDocument } from '../helpers/report-schema.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { createVenv, OFFLINE_PIP_ARGS, type TestVenv } from '../helpers/venv.js';

const TOKEN = 's3cr3t-t0ken-in-userinfo';
let root: string;
let ws: string;
let daemon: GitDaemon;
let gitLog: string;
let bin: string;
let venv: TestVenv;
const first = new Map<string, string>();

const repoDir = (id: string) => join(root, 'repos', `amplifier-module-${id}`);
const url = (id: string) => daemon.url(`amplifier-module-${id}`);
const head = (id: string) => git(repoDir(id), ['rev-parse', 'HEAD']);
const lockPath = () => join(ws, 'amplifier-modules.lock');

/** The profile: tool-a's URL carries a token in its userinfo, which must never reach the lock. */
async function declare(entries: Record<string, string | null>): Promise<string> {
  const lines = Object.entries(entries).map(([id, source]) =>
    source === null ? `  - {module: ${id}}` : `  - {module: ${id}, source: "${source}"}`,
  );
  const file = join(ws, 'profile.yaml');
  await writeFile(file, ['profile: {name: locked}', 'tools:', ...lines, ''].join('\n'));
  return file;
}

const sourceOf = (id: string, ref = 'main') =>
  id === 'tool-a'
    ? `git+git://user:${TOKEN}@127.0.0.1:${daemon.port}/amplifier-module-${id}@${ref}`
    : `git+${url(id)}@${ref}`;

function cli(args: readonly string[], home = join(root, 'home')) {
  const run = runBuiltCli([...args, '--profile', join(ws, 'profile.yaml'), '--home', home, '--workspace', ws], {
    env: { PATH: `${bin}:${process.env.PATH}`, GIT_LOG: gitLog, VIRTUAL_ENV: undefined },
  });
  const report = args.includes('json') && run.code !== 2 ? (JSON.parse(run.stdout) as Report) : null;
  return { ...run, report };
}

async function gitCommands(): Promise<string[]> {
  return existsSync(gitLog) ? (await readFile(gitLog, 'utf8')).split('\n').filter(Boolean) : [];
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-lock-'));
  ws = join(root, 'ws');
  await mkdir(ws, { recursive: true });
  for (const id of ['tool-a', 'tool-b', 'tool-c']) {
    await mkdir(repoDir(id), { recursive: true });
    await writeModuleProject(repoDir(id), { id, backend: 'hatchling' });
    await git(repoDir(id), ['init', '--quiet', '--initial-branch=main']);
    first.set(id, await commitFiles(repoDir(id), {}, 'first'));
    await git(repoDir(id), ['tag', 'v1']);
  }
  daemon = await startGitDaemon(join(root, 'repos'));
  bin = join(root, 'bin');
  gitLog = join(root, 'git.log');
  await mkdir(bin);
  // Every git command the product starts is appended to $GIT_LOG, then the real git runs.
  await writeFile(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "$GIT_LOG"\nexec /usr/bin/git "$@"\n`);
  await chmod(join(bin, 'git'), 0o755);
  venv = await createVenv(root);
  await declare({ 'tool-a': sourceOf('tool-a'), 'tool-b': sourceOf('tool-b') });
});

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('amplifier-modules lock', () => {
  it('writes a sorted lock, one line per pin, without credentials', async () => {
    const run = cli(['lock', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const [a, b] = [first.get('tool-a'), first.get('tool-b')];
    const bare = (id: string) => `git://127.0.0.1:${daemon.port}/amplifier-module-${id}`;
    expect(await readFile(lockPath(), 'utf8')).toBe(
      [
        '{',
        '  "includes": {},',
        '  "modules": {',
        '    "tool-a": {',
        `      "commit": "${a}",`,
        '      "layer": "profile",',
        `      "source": "git+${bare('tool-a')}@main"`,
        '    },',
        '    "tool-b": {',
        `      "commit": "${b}",`,
        '      "layer": "profile",',
        `      "source": "git+${bare('tool-b')}@main"`,
        '    }',
        '  },',
        '  "repositories": {',
        `    "${bare('tool-a')}@main": "${a}",`,
        `    "${bare('tool-b')}@main": "${b}"`,
        '  },',
        '  "version": 1',
        '}',
        '',
      ].join('\n'),
    );
    expect(run.report?.lock).toMatchObject({ file: lockPath(), written: true });
    expect(run.report?.lock?.changes.map((c) => `${c.kind} ${c.entry}`)).toEqual(['added tool-a', 'added tool-b']);
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
  });

  it('keeps the locked commits when upstream moved; --update X re-pins only X', async () => {
    for (const id of ['tool-a', 'tool-b']) await commitFiles(repoDir(id), { 'CHANGELOG.md': 'moved\n' }, 'moved');
    const before = await readFile(lockPath(), 'utf8');
    const again = cli(['lock']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('is up to date');
    expect(await readFile(lockPath(), 'utf8')).toBe(before);

    const update = cli(['lock', '--update', 'tool-a', '--format', 'json']);
    expect(update.code, update.stderr).toBe(0);
    expect(update.report?.lock?.changes).toEqual([
      { kind: 're-pinned', entry: 'tool-a', from: first.get('tool-a'), to: await head('tool-a') },
    ]);
    const lock = JSON.parse(await readFile(lockPath(), 'utf8')) as {
      modules: Record<string, { commit: string }>;
    };
    expect(lock.modules['tool-a']?.commit).toBe(await head('tool-a'));
    expect(lock.modules['tool-b']?.commit).toBe(first.get('tool-b'));
    expect(await readFile(lockPath(), 'utf8')).not.toContain(TOKEN);
  });

  it('writes nothing while a module is unresolved (exit 1)', async () => {
    const file = join(ws, 'unresolved.lock');
    await declare({ 'tool-a': sourceOf('tool-a'), 'tool-nowhere': null });
    try {
      const run = cli(['lock', '--lock-file', file, '--format', 'json']);
      expect(run.code).toBe(1);
      expect(run.report?.modules.find((m) => m.id === 'tool-nowhere')?.status).toBe('unresolved');
      expect(run.report?.lock).toEqual({ file, written: false, changes: [] });
      expect(existsSync(file)).toBe(false);
    } finally {
      await declare({ 'tool-a': sourceOf('tool-a'), 'tool-b': sourceOf('tool-b') });
    }
  });

  it('a token given for private repositories never reaches the lock (library API)', async () => {
    const file = join(ws, 'token.lock');
    const token = 'ghs_private-repository-token';
    const report = await runCommand('lock', {
      profiles: [join(ws, 'profile.yaml')],
      workspace: ws,
      home: join(root, 'home'),
      lockFile: file,
      token: { host: '127.0.0.1', value: token },
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    expect(report.ok).toBe(true);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(TOKEN);
  });

  it('refuses an unknown module id for --update (exit 2) and writes nothing', async () => {
    const before = await readFile(lockPath(), 'utf8');
    const run = cli(['lock', '--update', 'tool-nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('tool-nope');
    expect(await readFile(lockPath(), 'utf8')).toBe(before);
  });
});

describe('--locked uses the locked commit after the branch moved', () => {
  it('warm --locked fetches the locked commit, not the moved branch', async () => {
    const run = cli(['warm', '--locked', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report?.lockedBy).toBe(lockPath());
    const moduleB = run.report?.modules.find((m) => m.id === 'tool-b');
    expect(moduleB?.resolution.source?.commit).toBe(first.get('tool-b'));
    expect(await head('tool-b')).not.toBe(first.get('tool-b'));
    const clone = layoutARepoDir(join(root, 'home'), { url: url('tool-b'), ref: 'main' });
    expect(await git(clone, ['rev-parse', 'HEAD'])).toBe(first.get('tool-b'));
  });

  it('verify --locked installs and verifies the locked commits', async () => {
    const run = runBuiltCli(
      [
        'verify',
        '--locked',
        '--format',
        'json',
        '--profile',
        join(ws, 'profile.yaml'),
        '--home',
        join(root, 'home'),
        '--workspace',
        ws,
        '--python',
        venv.python,
        ...OFFLINE_PIP_ARGS.map((arg) => `--installer-arg=${arg}`),
      ],
      { env: { PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.modules.map((m) => [m.id, m.status, m.resolution.source?.commit])).toEqual([
      ['tool-a', 'ok', await head('tool-a')],
      ['tool-b', 'ok', first.get('tool-b')],
    ]);
  });
});

describe('--frozen asks no remote', () => {
  it('clones the locked commits into an empty cache without one ls-remote', async () => {
    await rm(gitLog, { force: true });
    const home = join(root, 'frozen-home');
    const run = cli(['warm', '--frozen', '--format', 'json'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(run.report?.modules.map((m) => m.fetch?.origin)).toEqual(['network', 'network']);
    const commands = await gitCommands();
    expect(commands.some((c) => c.startsWith('fetch'))).toBe(true);
    expect(commands.filter((c) => c.includes('ls-remote'))).toEqual([]);
  });

  it('passes from a warm cache with the git daemon stopped', async () => {
    await daemon.stop();
    try {
      await rm(gitLog, { force: true });
      const run = cli(['warm', '--frozen', '--format', 'json'], join(root, 'frozen-home'));
      expect(run.code, run.stderr).toBe(0);
      expect(run.report?.modules.map((m) => m.fetch?.origin)).toEqual(['local-cache', 'local-cache']);
      expect((await gitCommands()).filter((c) => c.includes('ls-remote') || c.startsWith('fetch'))).toEqual([]);
    } finally {
      await daemon.start();
    }
  });

  it('a git source the lock lacks is a lock mismatch, never asked upstream', async () => {
    await declare({ 'tool-a': sourceOf('tool-a'), 'tool-b': sourceOf('tool-b'), 'tool-c': sourceOf('tool-c') });
    try {
      await rm(gitLog, { force: true });
      const run = cli(['warm', '--frozen', '--format', 'json'], join(root, 'frozen-home'));
      expect(run.code).toBe(1);
      const moduleC = run.report?.modules.find((m) => m.id === 'tool-c');
      expect(moduleC?.status).toBe('lock-mismatch');
      expect(moduleC?.findings[0]?.message).toBe('tool-c: not in the lock');
      expect(moduleC?.fix).toBe('amplifier-modules lock');
      expect((await gitCommands()).filter((c) => c.includes('ls-remote'))).toEqual([]);
    } finally {
      await declare({ 'tool-a': sourceOf('tool-a'), 'tool-b': sourceOf('tool-b') });
    }
  });
});

describe('a changed declaration fails --locked with a one-line diff', () => {
  const cases: [string, () => Promise<unknown>, string, string][] = [
    [
      'a ref changed',
      () => declare({ 'tool-a': sourceOf('tool-a'), 'tool-b': sourceOf('tool-b', 'v1') }),
      'tool-b',
      'tool-b: declared @v1, locked @main',
    ],
    [
      'a module added',
      () => declare({ 'tool-a': sourceOf('tool-a'), 'tool-b': sourceOf('tool-b'), 'tool-c': sourceOf('tool-c') }),
      'tool-c',
      'tool-c: not in the lock',
    ],
    [
      'a workspace override',
      async () => {
        await mkdir(join(ws, '.amplifier', 'modules', 'tool-a'), { recursive: true });
        await writeFile(join(ws, '.amplifier', 'modules', 'tool-a', '__init__.py'), 'x = 1\n');
      },
      'tool-a',
      'tool-a: resolved by the workspace layer, locked from the declared source',
    ],
  ];
  for (const [name, change, id, line] of cases) {
    it(`${name}: exit 1, the diff in text and JSON`, async () => {
      await change();
      try {
        const text = cli(['resolve', '--locked']);
        expect(text.code).toBe(1);
        expect(text.stdout).toContain(`finding lock-mismatch: ${line}`);
        const json = cli(['resolve', '--locked', '--format', 'json']);
        expect(json.code).toBe(1);
        const module = json.report?.modules.find((m) => m.id === id);
        expect(module?.status).toBe('lock-mismatch');
        expect(module?.findings).toEqual([{ code: 'lock-mismatch', message: line, file: lockPath() }]);
      } finally {
        await rm(join(ws, '.amplifier'), { recursive: true, force: true });
        await declare({ 'tool-a': sourceOf('tool-a'), 'tool-b': sourceOf('tool-b') });
      }
    });
  }

  it('a module removed: the lock entry nothing declares is reported, exit 1', async () => {
    await declare({ 'tool-a': sourceOf('tool-a') });
    try {
      const json = cli(['resolve', '--locked', '--format', 'json']);
      expect(json.code).toBe(1);
      expect(json.report?.ok).toBe(false);
      expect(json.report?.warnings).toContainEqual(
        expect.objectContaining({ code: 'lock-mismatch', message: 'tool-b: in the lock but no longer declared' }),
      );
      const text = cli(['resolve', '--locked']);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('tool-b: in the lock but no longer declared');
    } finally {
      await declare({ 'tool-a': sourceOf('tool-a'), 'tool-b': sourceOf('tool-b') });
    }
  });

  it('the unchanged declaration passes resolve --locked', () => {
    const run = cli(['resolve', '--locked']);
    expect(run.code, run.stdout).toBe(0);
  });
});

describe('a missing or corrupt lock is bad input', () => {
  it('missing: exit 2 naming the file and the fix, nothing fetched', async () => {
    const home = join(root, 'missing-home');
    const run = cli(['warm', '--locked', '--lock-file', join(ws, 'nope.lock')], home);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(join(ws, 'nope.lock'));
    expect(run.stderr).toContain('fix: run amplifier-modules lock');
    expect(existsSync(join(home, 'cache'))).toBe(false);
  });

  it('corrupt: exit 2 with file:line, in JSON too, and the lock is left as it was', async () => {
    const corrupt = join(ws, 'corrupt.lock');
    const text = (await readFile(lockPath(), 'utf8')).replace('"layer": "profile",', '"layer": "profile"');
    await writeFile(corrupt, text);
    const run = cli(['verify', '--frozen', '--no-install', '--lock-file', corrupt, '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${corrupt}:\\d+: the lock file is not valid JSON`));
    expect((JSON.parse(run.stdout) as OutputDocument).error).toMatchObject({ code: 'invalid-lock', file: corrupt });
    expect(await readFile(corrupt, 'utf8')).toBe(text);
  });
});

describe('a hand-edited lock cannot pin what the declared ref never held', () => {
  it('warm --frozen refuses a commit only on another branch: lock-mismatch with both commits, nothing cached', async () => {
    const repo = repoDir('tool-b');
    await git(repo, ['checkout', '--quiet', '-b', 'fork-branch', first.get('tool-b') ?? '']);
    const imposter = await commitFiles(repo, { 'payload.py': 'print("from a fork")\n' }, 'only on a fork');
    await git(repo, ['checkout', '--quiet', 'main']);
    const forged = join(ws, 'forged.lock');
    const honest = await readFile(lockPath(), 'utf8');
    await writeFile(forged, honest.replaceAll(first.get('tool-b') ?? '', imposter));
    const home = join(root, 'imposter-home');
    const run = cli(['warm', '--frozen', '--lock-file', forged, '--format', 'json'], home);
    expect(run.code).toBe(1);
    const moduleB = run.report?.modules.find((m) => m.id === 'tool-b');
    expect(moduleB?.status).toBe('lock-mismatch');
    const message = moduleB?.findings.map((f) => f.message).join('\n') ?? '';
    expect(message).toContain(imposter);
    expect(message).toContain(await head('tool-b'));
    expect(existsSync(layoutARepoDir(home, { url: url('tool-b'), ref: 'main' }))).toBe(false);
  });

  it('a lock naming one repository twice is bad input naming both lines', async () => {
    const twice = join(ws, 'twice.lock');
    const honest = await readFile(lockPath(), 'utf8');
    const line = honest.split('\n').find((l) => /tool-b@main": "[0-9a-f]{40}"/.test(l)) ?? '';
    const other = line.replace(/,$/, '').replace(/"[0-9a-f]{40}"/, `"${'0'.repeat(40)}"`);
    await writeFile(twice, honest.replace(line, `${other},\n${line}`));
    const run = cli(['warm', '--frozen', '--lock-file', twice]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is written twice in 'repositories' \(lines \d+ and \d+\)/);
  });
});
