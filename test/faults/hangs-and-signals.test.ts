/**
 * No hangs, no orphans: a child that leaves a grandchild holding its pipes is stopped with its whole process group at
 * its timeout; SIGINT and SIGTERM sent to the built CLI in the middle of a fetch stop every child, remove the run's
 * temporary directories and exit 130 / 143; SIGHUP (a closed terminal) the same, exit 129; and the next run works.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeExec } from '../../src/ports/node-exec.js';
import { git, makeModuleRepo } from '../helpers/git-repos.js';
import { CLI } from '../helpers/run-cli.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeRun, profileText } from '../hostile/refusal.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
});
afterAll(async () => {
  await sb.cleanup();
});

/** Running means present and not a zombie (a container's init may reap late). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resume) => setTimeout(resume, 50));
}

async function waitForFile(path: string): Promise<string> {
  for (;;) {
    if (existsSync(path)) {
      const text = await readFile(path, 'utf8');
      if (text.endsWith('\n')) return text;
    }
    await new Promise((resume) => setTimeout(resume, 50));
  }
}

function pidsIn(text: string): number[] {
  return text
    .trim()
    .split(/\s+/)
    .map((word) => Number(word))
    .filter((pid) => pid > 0);
}

describe('a child that leaves a grandchild holding its pipes', () => {
  it('is stopped with its whole process group at its timeout', async () => {
    const pidFile = join(sb.root, 'group.pid');
    const script = `sleep 600 & echo "$$ $!" > '${pidFile}'; wait`;
    const result = await nodeExec.run('/bin/sh', ['-c', script], { timeoutMs: 300 });
    expect(result.code === 0).toBe(false);
    expect(result.stderr).toContain('timed out');
    for (const pid of pidsIn(await readFile(pidFile, 'utf8'))) await until(() => !isRunning(pid));
  });

  it('a grandchild that ignores SIGTERM does not outlive a child that obeyed it', async () => {
    const pidFile = join(sb.root, 'stubborn.pid');
    const script = `( trap '' TERM; while :; do sleep 1; done ) & echo "$!" > '${pidFile}'; exec sleep 600`;
    const result = await nodeExec.run('/bin/sh', ['-c', script], { timeoutMs: 300 });
    expect(result.stderr).toContain('timed out');
    for (const pid of pidsIn(await readFile(pidFile, 'utf8'))) await until(() => !isRunning(pid));
  });

  it('returns even when the grandchild left the group (setsid) and still holds the pipes', async () => {
    const pidFile = join(sb.root, 'escaped.pid');
    const script = `setsid sleep 600 & echo "$!" > '${pidFile}'; wait`;
    const result = await nodeExec.run('/bin/sh', ['-c', script], { timeoutMs: 300 });
    expect(result.stderr).toContain('timed out');
    for (const pid of pidsIn(await readFile(pidFile, 'utf8'))) process.kill(pid, 'SIGKILL');
  });
});

describe('a child that reads its stdin', () => {
  it('reads end-of-file at once when given no input, and the input when given one', async () => {
    const none = await nodeExec.run('cat', [], { timeoutMs: 5000 });
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: '', spawnError: null });
    const some = await nodeExec.run('cat', [], { input: 'abc\n', timeoutMs: 5000 });
    expect(some).toMatchObject({ code: 0, stdout: 'abc\n', stderr: '', spawnError: null });
  });
});

describe('SIGINT and SIGTERM during a fetch', () => {
  let stallBin = '';
  const pidFile = (): string => join(sb.root, 'stall.pid');
  beforeAll(async () => {
    const repo = await makeModuleRepo(join(sb.root, 'repos'), 'amplifier-module-tool-slow');
    await git(repo.path, ['log', '-1']);
    await sb.write(
      'slow.md',
      profileText('profile: {name: p}', 'tools:', '  - module: tool-slow', `    source: git+${repo.url}@main`),
    );
    // A git that hangs in `fetch` with a grandchild holding its pipes; everything else is the real git.
    stallBin = join(sb.root, 'stall-bin');
    await mkdir(stallBin, { recursive: true });
    const stall = [
      '#!/bin/sh',
      'case " $* " in',
      // A loop rather than one sleep: the stall must outlive any stray kill of a single `sleep` on a shared machine.
      `  *" fetch "*) ( while :; do sleep 1; done ) & echo "$$ $!" > '${pidFile()}'; wait ;;`,
      '  *) exec /usr/bin/git "$@" ;;',
      'esac',
      '',
    ].join('\n');
    await writeFile(join(stallBin, 'git'), stall);
    await chmod(join(stallBin, 'git'), 0o755);
  });

  function startWarm(): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
    const child = spawn(process.execPath, [CLI, 'warm', '-p', 'slow.md'], {
      cwd: sb.workspace,
      env: {
        PATH: `${stallBin}:${join(sb.root, 'bin')}`,
        HOME: sb.userHome,
        AMPLIFIER_HOME: sb.amplifierHome,
        TMPDIR: join(sb.root, 'tmp'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // The run's own output goes with stderr, so a failed expectation shows what the run did instead.
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stderr })),
    );
    return { child, done };
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: every child stopped, no temporary directory left, exit %i; the next run works',
    async (signal, exitCode) => {
      await rm(pidFile(), { force: true });
      await rm(join(sb.amplifierHome, 'cache'), { recursive: true, force: true });
      const { child, done } = startWarm();
      const stalled = pidsIn(await waitForFile(pidFile()));
      expect(stalled.length).toBe(2);
      child.kill(signal);
      const { code, stderr } = await done;
      expect(code, stderr).toBe(exitCode);
      expect(stderr).toContain(`interrupted by ${signal}`);
      expect(stderr).not.toContain('internal error');
      // SIGKILL was sent before the exit; the kernel may take a moment to finish each process off.
      for (const pid of stalled) await until(() => !isRunning(pid));
      const cache = join(sb.amplifierHome, 'cache');
      expect((await readdir(cache).catch(() => [])).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
      expect(await readdir(join(sb.amplifierHome, 'amplifier-modules', 'locks')).catch(() => [])).toEqual([]);
      const rerun = await sb.runAsync(['warm', '-p', 'slow.md']);
      expect(rerun.code, describeRun(rerun)).toBe(0);
      const clones = (await readdir(cache)).filter((name) => !name.startsWith('.'));
      expect(clones).toHaveLength(1);
      expect(existsSync(join(cache, clones[0] ?? '', 'amplifier_module_tool_slow', '__init__.py'))).toBe(true);
    },
  );
});
