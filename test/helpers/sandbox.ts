/**
 * A sealed temp directory for running the BUILT CLI against hostile input: a workspace, an Amplifier home, a HOME
 * and a TMPDIR all inside it, and a PATH holding only recording stand-ins for git, python and the installers. Every
 * stand-in appends `<tool> <args>` to `spawned.log`; with `tools: 'record'` it then fails (nothing real can run),
 * with `tools: 'pass'` git runs for real (the others still fail). A snapshot of the whole tree before and after a run shows whether
 * anything was written.
 */

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { compileCacheDirName } from '../../src/cli/compile-cache.js';
import { checkCliOutputs } from './report-schema.js';
import { CLI, type CliRun, runBuiltCli } from './run-cli.js';

/** The programs the product may start; a stand-in for each is put on PATH. */
export const RECORDED_TOOLS: readonly string[] = ['git', 'python3', 'python', 'uv', 'pip', 'pip3'];

// The real programs behind the stand-ins in 'pass' mode. Only git: a test that needs Python passes a venv's
// interpreter by its absolute path, so nothing can ever install into the machine's own Python.
const REAL_TOOLS: Readonly<Record<string, string>> = { git: '/usr/bin/git' };

export type ToolMode = 'record' | 'pass';

export interface SandboxRunOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Working directory (default: the workspace). */
  readonly cwd?: string;
}

export interface Sandbox {
  readonly root: string;
  /** `<root>/ws`: the project (holds `.amplifier/`). */
  readonly workspace: string;
  /** `<root>/home`: HOME. */
  readonly userHome: string;
  /** `<root>/home/.amplifier`: AMPLIFIER_HOME; the module cache is `<amplifierHome>/cache`. */
  readonly amplifierHome: string;
  /** `<root>/outside`: a directory hostile inputs aim at; nothing may appear in it. */
  readonly outside: string;
  readonly spawnLog: string;
  /** Writes a file (parents created) at a path relative to the workspace, or absolute; returns its absolute path. */
  write(path: string, content: string | Buffer): Promise<string>;
  /** The built CLI with cwd = workspace, HOME/AMPLIFIER_HOME/TMPDIR inside the sandbox and PATH = the stand-ins. */
  run(args: readonly string[], options?: SandboxRunOptions): CliRun;
  /** The same, without blocking the test process (needed when the test itself serves something the CLI calls). */
  runAsync(args: readonly string[], options?: SandboxRunOptions): Promise<CliRun>;
  /** Every path under root (symlinks not followed) with its kind, size and mtime. */
  snapshot(): Promise<Map<string, string>>;
  /** The recorded invocations (`tool arg arg ...`), one per line; [] when nothing ran. */
  spawned(): Promise<string[]>;
  cleanup(): Promise<void>;
}

function standIn(tool: string, log: string, mode: ToolMode): string {
  const real = REAL_TOOLS[tool];
  const tail = mode === 'pass' && real ? `exec ${real} "$@"` : 'exit 97';
  return `#!/bin/sh\nprintf '%s\\n' "${tool} $*" >> '${log}'\n${tail}\n`;
}

/**
 * Node 22+ writes its compiled-code cache on every start of the CLI, bad input or not (the cache must be on before
 * any of the CLI's code loads): the runtime's cache, not something the run wrote. It is made before the snapshot
 * and left out of it.
 */
const COMPILE_CACHE = compileCacheDirName(process.getuid?.() ?? null);

async function walk(root: string, dir: string, into: Map<string, string>, skip: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (path === skip) continue;
    const stat = await lstat(path);
    const kind = stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'dir' : 'file';
    into.set(relative(root, path), `${kind}:${stat.isDirectory() ? 0 : stat.size}:${stat.mtimeMs}`);
    if (kind === 'dir') await walk(root, path, into, skip);
  }
}

function runCliAsync(args: readonly string[], cwd: string, env: Record<string, string | undefined>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const defined = Object.fromEntries(
      Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: defined, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        checkCliOutputs(args, stdout, (path) => resolvePath(cwd, path), code);
      } catch (error) {
        reject(error);
        return;
      }
      resolve({ code, stdout, stderr });
    });
  });
}

export async function createSandbox(options: { tools?: ToolMode } = {}): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'am-sandbox-'));
  const workspace = join(root, 'ws');
  const userHome = join(root, 'home');
  const amplifierHome = join(userHome, '.amplifier');
  const outside = join(root, 'outside');
  const bin = join(root, 'bin');
  const temp = join(root, 'tmp');
  const spawnLog = join(root, 'spawned.log');
  for (const dir of [workspace, amplifierHome, outside, bin, temp]) await mkdir(dir, { recursive: true });
  await mkdir(join(temp, COMPILE_CACHE), { mode: 0o700 });
  for (const tool of RECORDED_TOOLS) {
    const path = join(bin, tool);
    await writeFile(path, standIn(tool, spawnLog, options.tools ?? 'record'));
    await chmod(path, 0o755);
  }
  const environment = (runOptions: SandboxRunOptions): Record<string, string | undefined> => ({
    PATH: bin,
    HOME: userHome,
    AMPLIFIER_HOME: amplifierHome,
    TMPDIR: temp,
    XDG_CACHE_HOME: join(userHome, '.cache'),
    XDG_CONFIG_HOME: join(userHome, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    ...runOptions.env,
  });
  return {
    root,
    workspace,
    userHome,
    amplifierHome,
    outside,
    spawnLog,
    async write(path, content) {
      const full = path.startsWith('/') ? path : join(workspace, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content);
      return full;
    },
    run(args, runOptions = {}) {
      return runBuiltCli(args, { cwd: runOptions.cwd ?? workspace, env: environment(runOptions) });
    },
    runAsync(args, runOptions = {}) {
      return runCliAsync(args, runOptions.cwd ?? workspace, environment(runOptions));
    },
    async snapshot() {
      const entries = new Map<string, string>();
      await walk(root, root, entries, join(temp, COMPILE_CACHE));
      return entries;
    },
    async spawned() {
      if (!existsSync(spawnLog)) return [];
      return (await readFile(spawnLog, 'utf8')).split('\n').filter((line) => line !== '');
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
