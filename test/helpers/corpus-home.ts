/**
 * The project's corpus fixture (test/fixtures/corpus) laid out the way a user's machine holds it: profile collections under
 * `<home>/collections/<name>/`, and the well-known `foundation` bundle as its layout-A clone
 * `<home>/cache/amplifier-foundation-c909465861f9d6ce/` (a copy plus a real `git init`).
 */
import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The corpus is part of the repository, so a fresh clone tests with nothing beside it. */
export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/corpus', import.meta.url));
export const FOUNDATION_URI = 'git+https://github.com/microsoft/amplifier-foundation@main';
export const FOUNDATION_CACHE_NAME = 'amplifier-foundation-c909465861f9d6ce';

export interface CorpusHome {
  readonly root: string;
  readonly home: string;
  readonly workspace: string;
  readonly foundationDir: string;
  /** The test's git locator: the foundation URI (with optional #subdirectory) maps to the clone. */
  locateGitInclude(uri: string): Promise<{ dir: string } | { unavailable: string }>;
  /** Where a corpus file (`profile-era/...`, `bundle-era/...`) sits in this home. */
  pathOf(corpusFile: string): string;
  /** The corpus-relative name of a file in this home (inverse of pathOf), or the path unchanged. */
  corpusNameOf(path: string): string;
  cleanup(): Promise<void>;
}

const run = promisify(execFile);

export async function createCorpusHome(): Promise<CorpusHome> {
  const root = await fsp.mkdtemp(join(tmpdir(), 'amod-corpus-'));
  const home = join(root, 'home');
  const workspace = join(root, 'workspace');
  const collections = join(home, 'collections');
  const foundationDir = join(home, 'cache', FOUNDATION_CACHE_NAME);
  await fsp.mkdir(workspace, { recursive: true });
  await fsp.mkdir(join(home, 'cache'), { recursive: true });
  await fsp.cp(join(CORPUS_DIR, 'profile-era', 'collections'), collections, { recursive: true });
  await fsp.cp(join(CORPUS_DIR, 'bundle-era', 'foundation'), foundationDir, { recursive: true });
  await run('git', ['init', '--quiet', '--', foundationDir]);

  const pathOf = (corpusFile: string): string => {
    if (corpusFile.startsWith('profile-era/collections/')) {
      return join(collections, corpusFile.slice('profile-era/collections/'.length));
    }
    if (corpusFile.startsWith('bundle-era/foundation/')) {
      return join(foundationDir, corpusFile.slice('bundle-era/foundation/'.length));
    }
    throw new Error(`not a corpus file: ${corpusFile}`);
  };
  const corpusNameOf = (path: string): string => {
    if (path.startsWith(`${foundationDir}/`)) return `bundle-era/foundation/${relative(foundationDir, path)}`;
    if (path.startsWith(`${collections}/`)) return `profile-era/collections/${relative(collections, path)}`;
    return path;
  };
  const locateGitInclude = async (uri: string): Promise<{ dir: string } | { unavailable: string }> => {
    const [base, fragment] = uri.split('#', 2);
    if (base !== FOUNDATION_URI) return { unavailable: 'not in the module cache' };
    const subdirectory = fragment?.startsWith('subdirectory=') ? fragment.slice('subdirectory='.length) : '';
    return { dir: subdirectory ? join(foundationDir, subdirectory) : foundationDir };
  };
  return {
    root,
    home,
    workspace,
    foundationDir,
    locateGitInclude,
    pathOf,
    corpusNameOf,
    cleanup: () => fsp.rm(root, { recursive: true, force: true }),
  };
}
