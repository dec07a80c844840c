/**
 * Is a clone in the module cache exactly its pinned commit? A job must never use a clone that differs: any
 * modified, removed or added file (tracked, untracked or ignored, a stray `__pycache__/*.pyc` included) makes it
 * differ, and so does a `.git` that would run code (hooks, a config key outside the few a plain clone has). The only
 * file allowed beside the commit's own is the module cache's metadata file at the root.
 *
 * Before saving, files a step added (an install's `<name>.egg-info` or `build/`, a `.pyc`) are no reason to refuse:
 * with `untracked: 'collect'` they are listed instead, and the post step leaves them out of the archive. A changed
 * tracked file, a removed one or a `.git` that runs code still makes the clone differ.
 */
import { join } from 'node:path';
import type { FileSystem } from '../ports.js';
import { CACHE_META_FILE } from '../stages/fetch/cache-meta.js';
import { readHeadCommit } from '../stages/fetch/clone-state.js';
import { type GitReader, gitObjectId, type PinnedEntry, readPinnedTree } from './pinned-tree.js';
import type { TreeEntryKind, WorkingTreeReader } from './working-tree.js';

export type CloneIntegrity =
  | {
      readonly pristine: true;
      /** `untracked: 'collect'` only: the added entries (clone-relative, `/`-separated), outermost first. */
      readonly untracked?: readonly string[];
    }
  | { readonly pristine: false; readonly reason: string };

export interface IntegrityOptions {
  /** `differs` (restoring): an added file makes the clone differ; `collect` (saving): it is listed. */
  readonly untracked: 'differs' | 'collect';
  /** Additions that may stay and are no difference (restoring: an editable install's leftovers). */
  readonly tolerated?: ToleratedAddition | undefined;
}

/**
 * A file or directory the commit does not have that may stay (its path relative to the clone root, and its kind).
 * Nothing is tolerated unless the caller says so.
 */
export type ToleratedAddition = (path: string, kind: TreeEntryKind) => boolean;

export interface IntegrityPorts extends GitReader {
  readonly fs: FileSystem;
  readonly tree: WorkingTreeReader;
  /** On Windows the executable bit does not exist and is not compared. */
  readonly platform: NodeJS.Platform;
}

/** What `git init --template=` and our fetch write; anything else (fsmonitor, hooksPath, filters, includes) could run code. */
const ALLOWED_CONFIG = new Set([
  'core.repositoryformatversion',
  'core.filemode',
  'core.bare',
  'core.logallrefupdates',
  'core.ignorecase',
  'core.precomposeunicode',
  'core.symlinks',
  'core.autocrlf',
  'remote.origin.url',
  'remote.origin.fetch',
  'extensions.objectformat',
]);
const SECTION = /^\s*\[([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\]\s*$/;
const KEY = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(?:=.*)?$/;
const MAX_LISTED = 5;

/** The config keys a `.git/config` sets, or null when a line is not plain `key = value` (we do not guess). */
export function configKeys(text: string): string[] | null {
  const keys: string[] = [];
  let section: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = SECTION.exec(line);
    if (header) {
      section = `${header[1]?.toLowerCase()}${header[2] === undefined ? '' : `.${header[2]}`}`;
      continue;
    }
    const key = KEY.exec(line)?.[1];
    if (!key || section === null) return null;
    keys.push(`${section}.${key.toLowerCase()}`);
  }
  return keys;
}

async function gitDirProblem(ports: IntegrityPorts, dir: string): Promise<string | null> {
  const gitDir = join(dir, '.git');
  const stat = await ports.fs.lstat(gitDir);
  if (!stat?.isDirectory) return '.git is not a directory';
  if (await ports.fs.lstat(join(gitDir, 'commondir'))) return '.git/commondir points elsewhere';
  for (const entry of (await ports.fs.readdir(join(gitDir, 'hooks'))) ?? []) {
    if (!entry.endsWith('.sample')) return `.git/hooks/${entry} was added`;
  }
  const config = (await ports.fs.stat(join(gitDir, 'config')))?.isFile
    ? (await ports.fs.readFile(join(gitDir, 'config'))).toString('utf8')
    : '';
  const keys = configKeys(config);
  if (keys === null) return '.git/config is not plain key = value lines';
  const foreign = keys.find((key) => !ALLOWED_CONFIG.has(key));
  return foreign ? `.git/config sets ${foreign}` : null;
}

/** A blob matches as stored, or after CRLF -> LF (a checkout with core.autocrlf, as on Windows runners). */
function blobMatches(content: Buffer, id: string): boolean {
  if (gitObjectId('blob', content, id.length) === id) return true;
  if (!content.includes(13) || content.includes(0)) return false;
  const lf = Buffer.from(content.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
  return gitObjectId('blob', lf, id.length) === id;
}

interface Walk {
  readonly expected: ReadonlyMap<string, PinnedEntry>;
  readonly tolerated: ToleratedAddition;
  readonly seen: Set<string>;
  readonly differences: string[];
  /** Collected added entries, or null when an added entry is a difference. */
  readonly untracked: string[] | null;
}

async function walkDir(ports: IntegrityPorts, root: string, relDir: string, walk: Walk): Promise<void> {
  const absolute = relDir === '' ? root : join(root, ...relDir.split('/'));
  for (const entry of await ports.tree.list(absolute)) {
    if (walk.differences.length > MAX_LISTED) return;
    const path = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
    if (relDir === '' && (entry.name === '.git' || (entry.name === CACHE_META_FILE && entry.kind === 'file'))) continue;
    const want = walk.expected.get(path);
    if (!want && walk.tolerated(path, entry.kind)) continue;
    walk.seen.add(path);
    const file = join(absolute, entry.name);
    if (!want) {
      if (walk.untracked) walk.untracked.push(path);
      else walk.differences.push(`${path} (added)`);
    } else if (entry.kind === 'directory') {
      if (want.mode === '40000') await walkDir(ports, root, path, walk);
      else if (want.mode !== '160000' || (await ports.tree.list(file)).length > 0) {
        walk.differences.push(`${path} (${want.mode === '160000' ? 'submodule directory not empty' : 'replaced'})`);
      }
    } else if (entry.kind === 'symlink') {
      const target = Buffer.from(await ports.tree.readlink(file), 'utf8');
      if (want.mode !== '120000' || !blobMatches(target, want.id)) walk.differences.push(`${path} (modified)`);
    } else if (entry.kind === 'file' && (want.mode === '100644' || want.mode === '100755' || want.mode === '120000')) {
      if (!blobMatches(await ports.tree.read(file), want.id)) walk.differences.push(`${path} (modified)`);
      else if (ports.platform !== 'win32' && want.mode !== '120000' && entry.executable !== (want.mode === '100755')) {
        walk.differences.push(`${path} (mode changed)`);
      }
    } else {
      walk.differences.push(`${path} (replaced)`);
    }
  }
}

function summarise(differences: readonly string[]): string {
  const shown = differences.slice(0, MAX_LISTED).join(', ');
  return differences.length > MAX_LISTED ? `${shown}, and more` : shown;
}

/** Compares the clone in `dir` with `commit`; never throws (an unreadable clone is simply not pristine). */
export async function checkCloneIntegrity(
  ports: IntegrityPorts,
  dir: string,
  commit: string,
  options: IntegrityOptions = { untracked: 'differs' },
): Promise<CloneIntegrity> {
  try {
    const gitProblem = await gitDirProblem(ports, dir);
    if (gitProblem) return { pristine: false, reason: gitProblem };
    const head = await readHeadCommit(ports.fs, dir);
    if (head !== commit) return { pristine: false, reason: `HEAD is ${head ?? 'unreadable'}, not ${commit}` };
    const pinned = await readPinnedTree(ports, dir, commit);
    if (!pinned.ok) return { pristine: false, reason: pinned.error };
    const untracked = options.untracked === 'collect' ? [] : null;
    const walk: Walk = {
      expected: pinned.value,
      tolerated: options.tolerated ?? (() => false),
      seen: new Set(),
      differences: [],
      untracked,
    };
    await walkDir(ports, dir, '', walk);
    for (const [path, entry] of pinned.value) {
      if (walk.differences.length > MAX_LISTED) break;
      if (entry.mode !== '40000' && entry.mode !== '160000' && !walk.seen.has(path)) {
        walk.differences.push(`${path} (removed)`);
      }
    }
    if (walk.differences.length > 0) return { pristine: false, reason: summarise(walk.differences) };
    return untracked ? { pristine: true, untracked } : { pristine: true };
  } catch (error) {
    return { pristine: false, reason: `cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
}
