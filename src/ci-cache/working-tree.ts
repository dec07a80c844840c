/**
 * The raw view of a clone's files the integrity check needs (entry kinds, the executable bit, link targets),
 * read with node:fs without following links. Kept behind an interface so the check stays testable on its own.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';

export type TreeEntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface TreeEntry {
  readonly name: string;
  readonly kind: TreeEntryKind;
  readonly executable: boolean;
}

export interface WorkingTreeReader {
  /** The entries of a directory, never following symlinks. */
  list(dir: string): Promise<TreeEntry[]>;
  read(file: string): Promise<Buffer>;
  readlink(link: string): Promise<string>;
}

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): TreeEntryKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  return entry.isFile() ? 'file' : 'other';
}

export const nodeWorkingTree: WorkingTreeReader = {
  async list(dir) {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    return Promise.all(
      entries.map(async (entry) => {
        const kind = kindOf(entry);
        const executable = kind === 'file' && ((await fsp.lstat(join(dir, entry.name))).mode & 0o111) !== 0;
        return { name: entry.name, kind, executable };
      }),
    );
  },
  read: (file) => fsp.readFile(file),
  readlink: (link) => fsp.readlink(link),
};
