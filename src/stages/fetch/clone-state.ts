/**
 * Is a directory in the module cache a usable clone, and at which commit? Answered from the files, and one git
 * process per clone that has them (are its tracked files all there): a warm run over an unchanged cache costs that
 * and nothing more. HEAD is read from the files.
 */
import { isAbsolute, join, resolve } from 'node:path';
import type { FileSystem } from '../../ports.js';
import type { CloneReader } from './read-only-git.js';
import { trackedFilesProblem } from './tracked-files.js';

export type { CloneReader };

/**
 * A clone is complete when one of these is at its root (docs/formats.md, "The module cache"; amplifier-foundation's
 * check).
 */
export const MODULE_MARKERS: readonly string[] = [
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'bundle.md',
  'bundle.yaml',
  'amplifier.toml',
];

export type CloneState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'valid'; readonly head: string | null };

async function gitDirOf(fs: FileSystem, dir: string): Promise<string | null> {
  const dotGit = join(dir, '.git');
  // lstat: a `.git` that is a symlink, FIFO or device is not a clone this tool made, and is never opened.
  const stat = await fs.lstat(dotGit);
  if (!stat) return null;
  if (stat.isDirectory) return dotGit;
  if (!stat.isFile) return null;
  // A worktree or submodule: `.git` is a file `gitdir: <path>`.
  const text = ((await fs.readFile(dotGit).catch(() => null))?.toString('utf8') ?? '').trim();
  if (!text.startsWith('gitdir:')) return null;
  const target = text.slice('gitdir:'.length).trim();
  return isAbsolute(target) ? target : resolve(dir, target);
}

/** A file gone between the check and the read (another run swapped the clone) reads as absent, not as a crash. */
async function readText(fs: FileSystem, file: string): Promise<string | null> {
  if (!(await fs.lstat(file))?.isFile) return null;
  return (await fs.readFile(file).catch(() => null))?.toString('utf8') ?? null;
}

/** The commit HEAD points at, following one symbolic ref through loose refs and packed-refs. */
export async function readHeadCommit(fs: FileSystem, dir: string): Promise<string | null> {
  const gitDir = await gitDirOf(fs, dir);
  if (!gitDir) return null;
  const head = (await readText(fs, join(gitDir, 'HEAD')))?.trim() ?? null;
  if (!head) return null;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const symbolic = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
  if (!symbolic || symbolic.split('/').includes('..')) return null;
  const loose = (await readText(fs, join(gitDir, symbolic)))?.trim();
  if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  const packed = await readText(fs, join(gitDir, 'packed-refs'));
  for (const line of packed?.split('\n') ?? []) {
    const [commit, name] = line.trim().split(' ');
    if (name === symbolic && commit && /^[0-9a-f]{40,64}$/.test(commit)) return commit;
  }
  return null;
}

/** What the files alone say: null when the directory looks like a clone (a `.git` and a marker at its root). */
async function notAClone(fs: FileSystem, dir: string): Promise<CloneState | null> {
  const stat = await fs.lstat(dir);
  if (!stat) return { kind: 'missing' };
  if (!stat.isDirectory) return { kind: 'invalid', reason: 'not a directory' };
  const dotGit = await fs.lstat(join(dir, '.git'));
  if (!dotGit) return { kind: 'invalid', reason: 'no .git' };
  if (!dotGit.isDirectory && !dotGit.isFile)
    return { kind: 'invalid', reason: '.git is neither a directory nor a file' };
  for (const marker of MODULE_MARKERS) {
    if (await fs.stat(join(dir, marker))) return null;
  }
  return { kind: 'invalid', reason: `none of ${MODULE_MARKERS.join(', ')} at its root` };
}

export async function inspectClone(reader: CloneReader, dir: string): Promise<CloneState> {
  const not = await notAClone(reader.fs, dir);
  if (not) return not;
  const problem = reader.checkTrackedFiles === false ? null : await trackedFilesProblem(reader, dir);
  if (problem) return { kind: 'invalid', reason: `incomplete: ${problem}` };
  return { kind: 'valid', head: await readHeadCommit(reader.fs, dir) };
}
