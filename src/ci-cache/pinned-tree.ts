/**
 * The file list of a pinned commit, proven against the commit id itself: git only reads the objects, and every
 * object on the way (the commit, then each tree) is hashed here and compared with the id that named it. A restored
 * clone's object store may have been rewritten (a loose object swapped under a known name, replace refs, alternates);
 * none of that can change a list that hashes back to the pinned commit.
 */
import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../result.js';
import { type GitReader, runReadOnlyGit } from '../stages/fetch/read-only-git.js';

export type { GitReader };

export interface PinnedEntry {
  /** As git writes it in a tree: `100644`, `100755`, `120000` (symlink), `160000` (submodule), `40000` (tree). */
  readonly mode: string;
  readonly id: string;
}

/** The entries by path, or why they cannot be trusted. */
export type PinnedTree = Result<ReadonlyMap<string, PinnedEntry>, string>;

/** `<type> <size>\0<content>` hashed with the repository's algorithm (SHA-1 ids are 40 hex, SHA-256 ids 64). */
export function gitObjectId(type: string, content: Buffer, idLength: number): string {
  const hash = createHash(idLength === 64 ? 'sha256' : 'sha1');
  hash.update(`${type} ${content.length}\0`, 'utf8');
  return hash.update(content).digest('hex');
}

/** Reading must not run anything the clone's own configuration asks for, nor honour replacement objects. */
async function gitText(reader: GitReader, dir: string, args: readonly string[]): Promise<string | null> {
  const result = await runReadOnlyGit(reader, dir, args);
  return result.code === 0 && result.spawnError === null ? result.stdout : null;
}

/** The raw tree object git would have stored for these entries, in their stored order. */
function treeContent(children: readonly { name: string; entry: PinnedEntry }[]): Buffer {
  return Buffer.concat(
    children.map(({ name, entry }) =>
      Buffer.concat([Buffer.from(`${entry.mode} ${name}\0`, 'utf8'), Buffer.from(entry.id, 'hex')]),
    ),
  );
}

function parseListing(text: string): Array<{ path: string; entry: PinnedEntry }> | null {
  const parsed: Array<{ path: string; entry: PinnedEntry }> = [];
  for (const record of text.split('\0')) {
    if (record === '') continue;
    const match = /^([0-7]+) [a-z]+ ([0-9a-f]{40,64})\t(.+)$/s.exec(record);
    if (!match) return null;
    const [, mode = '', id = '', path = ''] = match;
    parsed.push({ path, entry: { mode: mode.replace(/^0+/, ''), id } });
  }
  return parsed;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Every tree in the listing must hash to the id its parent (or the commit) gives it. */
function verifyTrees(rootId: string, listing: ReadonlyArray<{ path: string; entry: PinnedEntry }>): string | null {
  const children = new Map<string, Array<{ name: string; entry: PinnedEntry }>>([['', []]]);
  const treeIds = new Map<string, string>([['', rootId]]);
  for (const { path, entry } of listing) {
    const parent = parentOf(path);
    children.get(parent)?.push({ name: parent === '' ? path : path.slice(parent.length + 1), entry });
    if (entry.mode === '40000') {
      children.set(path, []);
      treeIds.set(path, entry.id);
    }
  }
  for (const [path, id] of treeIds) {
    if (gitObjectId('tree', treeContent(children.get(path) ?? []), id.length) !== id) {
      return `the tree of '${path || '.'}' does not hash to ${id}`;
    }
  }
  return null;
}

/** The blobs, links and submodules of `commit` by path (trees included), or why they cannot be trusted. */
export async function readPinnedTree(reader: GitReader, dir: string, commit: string): Promise<PinnedTree> {
  const commitText = await gitText(reader, dir, ['cat-file', 'commit', commit]);
  if (commitText === null) return err(`commit ${commit} is not in the clone`);
  if (gitObjectId('commit', Buffer.from(commitText, 'utf8'), commit.length) !== commit) {
    return err(`the stored commit object does not hash to ${commit}`);
  }
  const rootId = /^tree ([0-9a-f]{40,64})$/m.exec(commitText)?.[1];
  if (!rootId) return err(`commit ${commit} names no tree`);
  const listingText = await gitText(reader, dir, ['ls-tree', '-r', '-t', '-z', '--full-tree', rootId]);
  const listing = listingText === null ? null : parseListing(listingText);
  if (listing === null) return err(`the tree of commit ${commit} cannot be read`);
  const broken = verifyTrees(rootId, listing);
  if (broken) return err(broken);
  return ok(new Map(listing.map(({ path, entry }) => [path, entry])));
}
