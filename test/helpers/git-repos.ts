/**
 * Real git repositories for tests, made with `git init` in a temp dir and used as `file://` URLs (or served by
 * `git daemon`, see git-daemon.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { nodeExec } from '../../src/ports/node-exec.js';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Runs git in `cwd` and returns its trimmed stdout; throws with git's stderr when it fails. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const result = await nodeExec.run('git', args, { cwd, env: { ...process.env, ...IDENTITY } });
  if (result.code !== 0)
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr}${result.spawnError ?? ''}`);
  return result.stdout.trim();
}

export type FileTree = Readonly<Record<string, string>>;

async function writeTree(root: string, files: FileTree): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

/** Writes `files`, commits them on the current branch and returns the new commit. */
export async function commitFiles(repo: string, files: FileTree, message = 'change'): Promise<string> {
  await writeTree(repo, files);
  await git(repo, ['add', '-A']);
  await git(repo, ['commit', '--quiet', '--allow-empty', '-m', message]);
  return git(repo, ['rev-parse', 'HEAD']);
}

export interface TestRepo {
  /** The repository's directory. */
  readonly path: string;
  /** `file:///...` URL (what a `git+file://` source gives after parsing). */
  readonly url: string;
  /** The first commit. */
  readonly commit: string;
}

/** A module repository with a pyproject.toml, on branch `main`, at `<parent>/<name>`. */
export async function makeModuleRepo(parent: string, name: string, files: FileTree = {}): Promise<TestRepo> {
  const path = join(parent, name);
  await mkdir(path, { recursive: true });
  await git(path, ['init', '--quiet', '--initial-branch=main']);
  const commit = await commitFiles(
    path,
    {
      'pyproject.toml': `[project]\nname = "${name}"\nversion = "0.1.0"\n`,
      [`${name.replace(/-/g, '_')}/__init__.py`]: 'async def mount(coordinator, config):\n    return None\n',
      ...files,
    },
    'initial',
  );
  return { path, url: `file://${path}`, commit };
}
