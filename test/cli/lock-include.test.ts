/**
 * `lock` of a bundle with a git include (served by a real git daemon) and a local module: the include's commit, a
 * module in a subdirectory, a workspace-relative path; `--frozen` fetching the include at its locked commit after
 * upstream moved; and the failures that must leave the lock as it was (a ref that does not exist, git unreachable,
 * a corrupt lock).
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { type GitDaemon, startGitDaemon } from '../helpers/git-daemon.js';
import { commitFiles, git } from '../helpers/git-repos.js';
import { runBuiltCli } from '../helpers/run-cli.js';

let root: string;
let ws: string;
let daemon: GitDaemon;
let bin: string;
let gitLog: string;
let lockedCommit: string;
const sharedRepo = () => join(root, 'repos', 'amplifier-bundle-shared');
const includeUri = () => `git+${daemon.url('amplifier-bundle-shared')}@main#subdirectory=behaviors/logging.yaml`;
const lockPath = () => join(ws, 'amplifier-modules.lock');

function cli(args: readonly string[], home = join(root, 'home')) {
  const run = runBuiltCli([...args, '--profile', join(ws, 'bundle.yaml'), '--home', home, '--workspace', ws], {
    env: { PATH: `${bin}:${process.env.PATH}`, GIT_LOG: gitLog, VIRTUAL_ENV: undefined },
  });
  const report =
    args.includes('json') && (run.code === 0 || run.code === 1) ? (JSON.parse(run.stdout) as Report) : null;
  return { ...run, report };
}

async function writeBundle(ref = 'main'): Promise<void> {
  await writeFile(
    join(ws, 'bundle.yaml'),
    [
      'bundle: {name: app, version: 1.0.0}',
      'includes:',
      `  - bundle: "${includeUri().replace('@main', `@${ref}`)}"`,
      'tools:',
      '  - {module: tool-local, source: ./modules/tool-local}',
      '',
    ].join('\n'),
  );
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'am-lock-include-'));
  ws = join(root, 'ws');
  await mkdir(join(ws, 'modules', 'tool-local'), { recursive: true });
  await writeFile(join(ws, 'modules', 'tool-local', '__init__.py'), '');
  await mkdir(sharedRepo(), { recursive: true });
  await git(sharedRepo(), ['init', '--quiet', '--initial-branch=main']);
  daemon = await startGitDaemon(join(root, 'repos'));
  lockedCommit = await commitFiles(sharedRepo(), {
    'bundle.md': '---\nbundle: {name: shared}\n---\n',
    'behaviors/logging.yaml': [
      'bundle: {name: shared-logging, version: 1.0.0}',
      'hooks:',
      `  - {module: hooks-shared, source: "git+${daemon.url('amplifier-bundle-shared')}@main#subdirectory=modules/hooks-shared"}`,
      '',
    ].join('\n'),
    'modules/hooks-shared/pyproject.toml': '[project]\nname = "amplifier-module-hooks-shared"\nversion = "1.0.0"\n',
  });
  bin = join(root, 'bin');
  gitLog = join(root, 'git.log');
  await mkdir(bin);
  await writeFile(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "$GIT_LOG"\nexec /usr/bin/git "$@"\n`);
  await chmod(join(bin, 'git'), 0o755);
  await writeBundle();
});

afterAll(async () => {
  await daemon?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('lock of a bundle with a git include', () => {
  it('records the include, the module in its subdirectory and the workspace-relative local module', async () => {
    const run = cli(['lock', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const lock = JSON.parse(await readFile(lockPath(), 'utf8')) as Record<string, Record<string, unknown>>;
    const url = daemon.url('amplifier-bundle-shared');
    expect(lock.includes).toEqual({ [includeUri()]: lockedCommit });
    expect(lock.repositories).toEqual({ [`${url}@main`]: lockedCommit });
    expect(lock.modules).toEqual({
      'hooks-shared': {
        commit: lockedCommit,
        layer: 'profile',
        source: `git+${url}@main#subdirectory=modules/hooks-shared`,
        subdirectory: 'modules/hooks-shared',
      },
      'tool-local': { layer: 'profile', source: 'modules/tool-local' },
    });
  });

  it('--frozen fetches the include at its locked commit after upstream moved, with no ls-remote', async () => {
    await commitFiles(sharedRepo(), { 'later.md': 'moved\n' }, 'moved');
    await rm(gitLog, { force: true });
    const run = cli(['warm', '--frozen', '--format', 'json'], join(root, 'fresh-home'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.report?.modules.map((m) => [m.id, m.resolution.source?.commit ?? null])).toEqual([
      ['tool-local', null],
      ['hooks-shared', lockedCommit],
    ]);
    const commands = (await readFile(gitLog, 'utf8')).split('\n');
    expect(commands.filter((c) => c.includes('ls-remote'))).toEqual([]);
  });

  it('an include the lock does not know fails --locked with exit 1', async () => {
    await git(sharedRepo(), ['branch', '-f', 'other']);
    await writeBundle('other');
    try {
      const run = cli(['warm', '--frozen', '--format', 'json'], join(root, 'fresh-home'));
      expect(run.code).toBe(1);
      expect(run.report?.warnings.map((w) => w.message)).toContain(
        `include ${includeUri().replace('@main', '@other')}: not in the lock`,
      );
    } finally {
      await writeBundle();
    }
  });
});

describe('a lock run that fails leaves the lock as it was', () => {
  it('a ref that does not exist: exit 2 naming the declaring file', async () => {
    const before = await readFile(lockPath(), 'utf8');
    await writeFile(
      join(ws, 'bundle.yaml'),
      (await readFile(join(ws, 'bundle.yaml'), 'utf8')).replace(
        'source: ./modules/tool-local}',
        `source: ./modules/tool-local}\n  - {module: tool-gone, source: "git+${daemon.url('amplifier-bundle-shared')}@no-such-branch"}`,
      ),
    );
    try {
      const run = cli(['lock']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${join(ws, 'bundle.yaml')}:6:`);
      expect(run.stderr).toContain("ref 'no-such-branch' not found");
      expect(await readFile(lockPath(), 'utf8')).toBe(before);
    } finally {
      await writeBundle();
    }
  });

  it('git unreachable: with --strict the unpinnable include fails the lock (exit 3, named), nothing written', async () => {
    const before = await readFile(lockPath(), 'utf8');
    await daemon.stop();
    try {
      const run = cli(['lock', '--update', '--strict'], join(root, 'cold-home'));
      // A skipped include is never bad input (exit 2): the lock's own failure names it and writes nothing.
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain('could not pin 1 bundle include(s); the lock file was not written (--strict)');
      expect(run.stderr).toContain(includeUri());
      expect(await readFile(lockPath(), 'utf8')).toBe(before);
    } finally {
      await daemon.start();
    }
  });

  it('an unreachable include is locked as skipped (a warning); --frozen skips it, --locked finds it reachable again', async () => {
    await daemon.stop();
    try {
      const run = cli(['lock', '--update'], join(root, 'cold-home'));
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout + run.stderr).toContain('skipped include');
      const lock = JSON.parse(await readFile(lockPath(), 'utf8'));
      expect(Object.keys(lock.skippedIncludes)).toEqual([includeUri()]);
      expect(lock.includes).toEqual({});
      // Skipped again by --frozen, with no remote asked, even when the include is in the module cache.
      const frozen = cli(['warm', '--frozen', '--format', 'json']);
      expect(frozen.code, frozen.stderr).toBe(0);
      expect(frozen.report?.unresolvedIncludes.map((i) => i.reason).join('\n')).toContain(
        'skipped, as the lock records',
      );
      expect(frozen.report?.modules.map((m) => m.id)).toEqual(['tool-local']);
    } finally {
      await daemon.start();
    }
    const locked = cli(['warm', '--locked', '--format', 'json']);
    expect(locked.code, locked.stderr).toBe(1);
    expect(locked.report?.warnings.map((w) => w.message).join('\n')).toContain(
      `include ${includeUri()}: skipped in the lock`,
    );
    expect(locked.report?.warnings.find((w) => w.message.includes('reachable now'))?.code).toBe('lock-mismatch');
    const relocked = cli(['lock', '--update']);
    expect(relocked.code, relocked.stderr).toBe(0);
    expect(JSON.parse(await readFile(lockPath(), 'utf8')).skippedIncludes).toBeUndefined();
  });

  it('a corrupt lock: lock refuses it (exit 2); lock --update writes it anew', async () => {
    await writeFile(lockPath(), '{ "version": 1, ');
    const refused = cli(['lock']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${lockPath()}:1: the lock file is not valid JSON`);
    expect(await readFile(lockPath(), 'utf8')).toBe('{ "version": 1, ');
    const rewritten = cli(['lock', '--update']);
    expect(rewritten.code, rewritten.stderr).toBe(0);
    expect(existsSync(lockPath())).toBe(true);
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ version: 1 });
  });
});
