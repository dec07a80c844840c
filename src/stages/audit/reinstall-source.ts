/**
 * Where a reinstall of a module should come from, and why that directory: the fix command names a directory that
 * exists, and `doctor --fix` says which clone it chose. Only a clone of the right repository is ever chosen (a clone
 * sharing the name may be a fork's):
 * - with a declaration, the clone it names (its metadata records the declared URL and ref), else the newest clone of
 *   the declared URL at another ref;
 * - without one, the newest clone whose recorded URL is the one the dangling install came from. That URL is proven by
 *   the install's own directory name: Amplifier names a clone `<repo>-<sha256(url@ref)[:16]>`, so a clone recording
 *   URL U is the install's repository when U at some known ref hashes to the gone directory's name.
 */
import { join } from 'node:path';
import type { FileSystem, Logger } from '../../ports.js';
import { maskUserinfo } from '../../secrets.js';
import { layoutAKey } from '../../source/cache-layout.js';
import { type CacheMeta, readCacheMeta } from '../fetch/cache-meta.js';
import { type CacheClonePath, findSiblings, locateClone, type Sibling } from './cache-siblings.js';
import { originKey, originMismatch } from './clone-origin.js';
import type { AuditModuleInput } from './module-audit.js';

export interface ReinstallChoice {
  /** The directory to reinstall from, null when none can be trusted. */
  readonly path: string | null;
  /** Why that directory, or, without one, what was looked for and not found. */
  readonly why: string;
}

async function exists(fs: FileSystem, path: string | null): Promise<boolean> {
  return path !== null && (await fs.stat(path)) !== null;
}

interface SiblingClone extends Sibling {
  readonly meta: CacheMeta;
}

/** The clone roots of the siblings, with their metadata (a clone without readable metadata proves nothing). */
async function siblingClones(fs: FileSystem, clone: CacheClonePath): Promise<SiblingClone[]> {
  const out: SiblingClone[] = [];
  for (const sibling of await findSiblings(fs, clone)) {
    const root = join(clone.cacheDir, `${clone.repo}-${sibling.hash}`);
    const meta = await readCacheMeta(fs, root);
    if (meta) out.push({ ...sibling, meta });
  }
  return out;
}

/** Refs worth trying for the gone clone: every ref and commit the same repository's clones record, and the usual. */
function candidateRefs(clones: readonly SiblingClone[]): string[] {
  const refs = new Set<string>(['main', 'master']);
  for (const { meta } of clones) {
    refs.add(meta.ref);
    if (meta.commit) refs.add(meta.commit);
  }
  return [...refs];
}

/** The ref at which `url` hashes to the gone clone's name, or null when no candidate does. */
function provenRef(url: string, hash: string, refs: readonly string[]): string | null {
  return refs.find((ref) => layoutAKey({ url, ref }) === hash) ?? null;
}

async function declaredChoice(
  fs: FileSystem,
  input: AuditModuleInput,
  clones: readonly CacheClonePath[],
  logger: Logger,
): Promise<ReinstallChoice | null> {
  const origin = input.origin;
  if (!origin) return null;
  const declared = `${maskUserinfo(origin.url)}@${origin.ref}`;
  if (input.expectedPath !== null && (await exists(fs, input.expectedPath))) {
    const mismatch = await originMismatch(fs, input.expectedPath, origin);
    if (mismatch === null) return { path: input.expectedPath, why: `the clone the declaration names (${declared})` };
    logger.debug(`not reinstalling from ${input.expectedPath}: ${mismatch}`);
  }
  for (const clone of clones) {
    for (const sibling of await siblingClones(fs, clone)) {
      if (originKey(sibling.meta.git_url) !== originKey(origin.url)) continue;
      const why =
        sibling.meta.ref === origin.ref
          ? `the clone the declaration names (${declared})`
          : `the newest clone of the declared URL (ref ${sibling.meta.ref}); the declared ref ${origin.ref} has no clone yet`;
      return { path: sibling.path, why };
    }
  }
  return null;
}

async function provenChoice(fs: FileSystem, recorded: readonly string[]): Promise<ReinstallChoice | null> {
  for (const path of recorded) {
    const clone = locateClone(path);
    if (!clone) continue;
    const clones = await siblingClones(fs, clone);
    const refs = candidateRefs(clones);
    for (const sibling of clones) {
      const ref = provenRef(sibling.meta.git_url, clone.hash, refs);
      if (ref === null) continue;
      const url = maskUserinfo(sibling.meta.git_url);
      return {
        path: sibling.path,
        why: `the newest clone of ${url} (ref ${sibling.meta.ref}), the repository the install came from: its gone directory ${clone.dirName} is ${url}@${ref}`,
      };
    }
  }
  return null;
}

function nothing(input: AuditModuleInput, recorded: readonly string[]): string {
  if (input.origin) {
    const clone = input.expectedPath ? locateClone(input.expectedPath) : null;
    const where = clone ? ` in ${clone.cacheDir}` : '';
    return `no clone of ${maskUserinfo(input.origin.url)} is in the module cache${where}`;
  }
  const clone = recorded.map(locateClone).find((c) => c !== null);
  if (!clone) return 'no declaration names it and it was not installed from a module-cache clone';
  return `no declaration names it, and no clone in ${clone.cacheDir} records the repository ${clone.dirName} was cloned from (a clone named ${clone.repo}-* may be a fork's)`;
}

export async function reinstallChoice(
  fs: FileSystem,
  input: AuditModuleInput,
  recorded: readonly string[],
  logger: Logger,
): Promise<ReinstallChoice> {
  const clones = [input.expectedPath, ...recorded].flatMap((path) => {
    const clone = path ? locateClone(path) : null;
    return clone ? [clone] : [];
  });
  const choice = input.origin
    ? await declaredChoice(fs, input, clones, logger)
    : input.expectedPath !== null && (await exists(fs, input.expectedPath))
      ? { path: input.expectedPath, why: 'the directory the declaration names' }
      : await provenChoice(fs, recorded);
  if (choice) return choice;
  for (const path of recorded) {
    if (await exists(fs, path)) return { path, why: 'the directory it is installed from' };
  }
  return { path: null, why: nothing(input, recorded) };
}
