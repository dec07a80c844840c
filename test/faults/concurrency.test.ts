/**
 * Runs that share one module cache or one environment never fail or undo one another (real git, real venvs, real
 * processes and pid namespaces, the built CLI): concurrent warms of moved branches beside a CPU burner; a cache lock
 * left by a run killed in another pid namespace (a container's pid 1), or by a process whose pid was reused, is taken
 * over at once; a run that changes an environment waits for another one changing it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockEnvironment } from '../../src/ports/environment-lock.js';
import { currentHolder, serializeHolder } from '../../src/ports/lock-holder.js';
import { commitFiles, makeModuleRepo, type TestRepo } from '../helpers/git-repos.js';
import { CLI } from '../helpers/run-cli.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { createVenv, type TestVenv } from '../helpers/venv.js';
import { describeRun, profileText } from '../hostile/refusal.js';

let sb: Sandbox;
const repos: TestRepo[] = [];
let venv: TestVenv;
let bare = '';
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const locks = (): string => join(sb.amplifierHome, 'amplifier-modules', 'locks');

interface Started {
  readonly child: ChildProcess;
  output(): string;
  readonly done: Promise<number | null>;
}

/** The built CLI in the background, as the sandbox runs it (its PATH, HOME and Amplifier home). */
function start(args: readonly string[], prefix: readonly string[] = [], path = join(sb.root, 'bin')): Started {
  const [program, ...rest] = prefix.length > 0 ? prefix : [process.execPath];
  const child = spawn(
    program ?? process.execPath,
    [...rest, ...(prefix.length > 0 ? [process.execPath] : []), CLI, ...args],
    {
      cwd: sb.workspace,
      env: { PATH: path, HOME: sb.userHome, AMPLIFIER_HOME: sb.amplifierHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return { child, output: () => output, done: new Promise((resolve) => child.on('close', resolve)) };
}

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((resume) => setTimeout(resume, 50));
}

function pruneBare() {
  return sb.run(['prune', '--workspace', bare, '--python', venv.python]);
}

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  for (const name of ['tool-one', 'tool-two', 'tool-three']) {
    repos.push(
      await makeModuleRepo(join(sb.root, 'repos'), `amplifier-module-${name}`, {
        'modules/sub/pyproject.toml': `[project]\nname = "sub-${name}"\nversion = "0.1.0"\n`,
      }),
    );
  }
  const lines = repos.map(
    (repo, n) => `  - {module: tool-${n}, source: "git+${repo.url}@main#subdirectory=modules/sub"}`,
  );
  await sb.write('p.md', profileText('profile: {name: p}', 'tools:', ...lines));
  venv = await createVenv(join(sb.root, 'venv'));
  bare = join(sb.root, 'bare');
  await mkdir(bare, { recursive: true });
});
afterAll(async () => {
  await sb.cleanup();
});

describe('concurrent runs on one cache', () => {
  it('four warms at once after every branch moved, beside a CPU burner, all succeed', async () => {
    const first = sb.run(['warm', '-p', 'p.md']);
    expect(first.code, describeRun(first)).toBe(0);
    const burners = [0, 1].map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
    try {
      for (let round = 0; round < 3; round += 1) {
        for (const repo of repos) await commitFiles(repo.path, { 'modules/sub/CHANGES': `round ${round}\n` });
        const runs = [0, 1, 2, 3].map(() => start(['warm', '-p', 'p.md']));
        const codes = await Promise.all(runs.map((run) => run.done));
        for (const [n, code] of codes.entries()) expect(code, runs[n]?.output()).toBe(0);
      }
    } finally {
      for (const burner of burners) burner.kill('SIGKILL');
    }
    expect(existsSync(join(sb.amplifierHome, 'amplifier-modules', 'clone-locks'))).toBe(true);
    expect(await readdir(join(sb.amplifierHome, 'amplifier-modules', 'clone-locks'))).toEqual([]);
  });
});

const UNSHARE = ['/usr/bin/unshare', '/bin/unshare'].find((path) => existsSync(path)) ?? 'unshare';
const canUnshare = spawnSync(UNSHARE, ['--pid', '--fork', '--kill-child', '--mount-proc', 'true']).status === 0;

describe('a cache lock whose holder is gone is taken over at once', () => {
  it.skipIf(!canUnshare)('a warm killed in its own pid namespace (pid 1 there) does not block prune', async () => {
    const hang = join(sb.root, 'hang-bin');
    await mkdir(hang, { recursive: true });
    // git that never answers: the warm holds the cache lock, waiting on ls-remote, until its container is killed.
    await writeFile(join(hang, 'git'), '#!/bin/sh\nexec /bin/sleep 600\n');
    await chmod(join(hang, 'git'), 0o755);
    await commitFiles(repos[0]?.path ?? '', { 'modules/sub/CHANGES': 'unpinned\n' });
    const container = start(['warm', '-p', 'p.md'], [UNSHARE, '--pid', '--fork', '--kill-child', '--mount-proc'], hang);
    await until(async () =>
      ((await readdir(locks()).catch(() => [])) as string[]).some((n) => n.startsWith('shared-1-')),
    );
    const [held] = (await readdir(locks())).filter((n) => n.startsWith('shared-1-'));
    const record = JSON.parse(await readFile(join(locks(), held ?? ''), 'utf8'));
    expect(record.pid).toBe(1);
    expect(record.pidNamespace).not.toBe(currentHolder().pidNamespace);
    // While the container runs, prune waits for it.
    const waiting = start(['prune', '--workspace', bare, '--python', venv.python]);
    await until(() => waiting.output().includes('waiting for the module cache: process 1'));
    container.child.kill('SIGKILL');
    await container.done;
    expect(await waiting.done, waiting.output()).toBe(0);
    // The lock file of the killed run was left behind; the next run removes it without waiting.
    const after = pruneBare();
    expect(after.code, describeRun(after)).toBe(0);
    expect(after.stdout).not.toContain('waiting');
    expect(await readdir(locks())).toEqual([]);
  });

  it('a lock whose pid now belongs to another process (another start time) is stale', async () => {
    const reused = { ...currentHolder(), startTime: '1' };
    await writeFile(join(locks(), `exclusive-${process.pid}-abcdef12`), serializeHolder(reused));
    const run = pruneBare();
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).not.toContain('waiting');
    expect(await readdir(locks())).toEqual([]);
  });

  it("an older version's lock naming pid 1 (a container's init, or this machine's) is not a run", async () => {
    await writeFile(join(locks(), 'exclusive-1-abcdef56'), '1\n');
    const run = pruneBare();
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).not.toContain('waiting');
    expect(await readdir(locks())).toEqual([]);
  });

  it('a holder this machine cannot see is judged by its heartbeat', async () => {
    const elsewhere = { ...currentHolder(), host: `not-${hostname()}`, bootId: 'another-kernel', pid: 1 };
    const file = join(locks(), 'exclusive-1-abcdef34');
    await writeFile(file, serializeHolder(elsewhere));
    const waiting = start(['prune', '--workspace', bare, '--python', venv.python]);
    await until(() => waiting.output().includes(`waiting for the module cache: process 1 on not-${hostname()}`));
    // Its heartbeat stops: a minute without a touch is a run that is gone.
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    expect(await waiting.done, waiting.output()).toBe(0);
    expect(existsSync(file)).toBe(false);
  });
});

describe('one run at a time changes an environment', () => {
  it('doctor --fix and install wait while another run changes the environment', async () => {
    const held = await lockEnvironment(venv.dir, sb.amplifierHome, silent);
    try {
      const doctor = start(['doctor', '--fix', '--python', venv.python, '--workspace', bare]);
      await until(() => doctor.output().includes(`waiting for the environment ${venv.dir}`));
      const install = start(['install', '-p', 'p.md', '--python', venv.python, '--installer', 'pip']);
      await until(() => install.output().includes(`waiting for the environment ${venv.dir}`));
      await held.release();
      expect(await doctor.done, doctor.output()).toBe(0);
      await install.done;
      expect(install.output()).not.toContain('internal error');
    } finally {
      await held.release();
    }
    expect(existsSync(join(venv.dir, '.amplifier-modules-lock'))).toBe(false);
  });
});

afterAll(async () => {
  await rm(join(sb.root, 'hang-bin'), { recursive: true, force: true });
});
