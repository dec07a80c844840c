/**
 * Real directories for resolver tests: a workspace and an Amplifier home in a fresh temp dir, plus small
 * writers for each thing a resolution layer looks at.
 */
import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Declaration, RawSource } from '../../src/model.js';
import { nodeFileSystem } from '../../src/ports/node-fs.js';
import type { Env } from '../../src/ports.js';
import { loadSettings } from '../../src/settings/settings.js';
import type { ResolveContext } from '../../src/stages/resolve/layer.js';

export interface ResolveWorld {
  readonly root: string;
  readonly workspace: string;
  readonly home: string;
  cleanup(): Promise<void>;
}

export async function makeResolveWorld(): Promise<ResolveWorld> {
  const root = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'amp-resolve-')));
  const workspace = join(root, 'project');
  const home = join(root, 'home', '.amplifier');
  await fsp.mkdir(join(workspace, '.amplifier'), { recursive: true });
  await fsp.mkdir(home, { recursive: true });
  return { root, workspace, home, cleanup: () => fsp.rm(root, { recursive: true, force: true }) };
}

export async function writeFile(path: string, text: string): Promise<string> {
  await fsp.mkdir(dirname(path), { recursive: true });
  await fsp.writeFile(path, text);
  return path;
}

/** A directory that looks like a module checkout: one Python file. */
export async function makeModuleDir(path: string): Promise<string> {
  await writeFile(
    join(path, 'amplifier_module', '__init__.py'),
    'async def mount(coordinator, config):\n    return None\n',
  );
  return path;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function declaration(id: string, overrides: Partial<Declaration> = {}): Declaration {
  return {
    id,
    kind: 'tool',
    agent: null,
    declaredAt: { file: '/profiles/dev.md', line: 12 },
    source: null,
    sourceBaseDir: '/profiles',
    config: null,
    ...overrides,
  };
}

export function withSource(id: string, source: RawSource, file: string, line = 7): Declaration {
  return declaration(id, { source, declaredAt: { file, line }, sourceBaseDir: dirname(file) });
}

export async function resolveContext(
  world: ResolveWorld,
  options: { env?: Env; installed?: readonly string[] | null } = {},
): Promise<ResolveContext> {
  const settings = await loadSettings({ fs: nodeFileSystem, workspace: world.workspace, home: world.home });
  return {
    fs: nodeFileSystem,
    env: options.env ?? {},
    workspace: world.workspace,
    home: world.home,
    settings: settings.value,
    installedPackages: async () =>
      options.installed === null ? null : { names: new Set(options.installed ?? []), environment: '/venv/bin/python' },
  };
}

/**
 * What a submodule checkout looks like before `git submodule update --init`: `.git` is a *file* pointing at a git
 * dir kept elsewhere, and no code. Made by git itself (`init --separate-git-dir`).
 */
export async function makeUninitialisedSubmodule(world: ResolveWorld, dir: string): Promise<void> {
  const gitDirs = join(world.root, 'gitdirs');
  await fsp.mkdir(gitDirs, { recursive: true });
  await fsp.mkdir(dirname(dir), { recursive: true });
  git(
    world.root,
    'init',
    '-q',
    '--separate-git-dir',
    join(gitDirs, `${Date.now()}-${Math.random()}`.replace('.', '')),
    dir,
  );
}
