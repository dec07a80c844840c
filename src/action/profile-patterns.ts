/**
 * Expands the `profile` input: each line is a file or a glob, relative to the workspace: `*`, `?`, `[...]`, `{a,b}`
 * and `**` (any depth), which is what workflow authors write for profile and bundle files. Each segment is matched
 * by minimatch; the walk is here because it is bounded (PATTERN_LIMITS): braces, directories read, files matched.
 */
import { type Dirent, promises as fsp } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Minimatch } from 'minimatch';
import { InputError } from '../errors.js';

const MAGIC = /[*?[{]/;
// Directories a `**` never walks into: version-control data and dependency trees hold no profiles worth scanning.
const NEVER_WALK = new Set(['.git', 'node_modules']);

export function hasGlobMagic(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/**
 * Bounds on what one line of the `profile` input may cost: each `{a,b}` group doubles the alternatives (20 groups
 * are a million), and every `**` walks a tree. Far above any real list of profile files, far below a stall.
 */
export const PATTERN_LIMITS = { alternatives: 256, directoriesListed: 20_000, files: 1_000 } as const;

function tooMuch(pattern: string, what: string): InputError {
  return new InputError('usage', `the \`profile\` input line '${pattern}' ${what}`, {
    fix: 'name the profile files, or write a narrower pattern (fewer {a,b} groups, a directory before **)',
  });
}

/**
 * `a/{b,c}/d` -> `a/b/d`, `a/c/d` (first group first, then recursively; no nesting inside one group). More than
 * `limit` alternatives is an input error, found before the work is done.
 */
export function expandBraces(pattern: string, limit: number = PATTERN_LIMITS.alternatives): string[] {
  const out: string[] = [];
  const expand = (text: string): void => {
    const open = text.indexOf('{');
    const close = open >= 0 ? text.indexOf('}', open) : -1;
    if (open < 0 || close < 0) {
      if (out.length >= limit) throw tooMuch(pattern, `expands to more than ${limit} alternatives`);
      out.push(text);
      return;
    }
    const head = text.slice(0, open);
    const tail = text.slice(close + 1);
    for (const choice of text.slice(open + 1, close).split(',')) expand(`${head}${choice}${tail}`);
  };
  expand(pattern);
  return out;
}

/**
 * The matcher of one path segment, minimatch's: `*` and `?` never match `/` and, like shells, never a leading `.`
 * (`.amplifier/*.md` names hidden entries explicitly). Braces are expanded before (within the cap), and extglobs are
 * off: `+(…)` in a file name is taken as written.
 */
export function segmentMatcher(segment: string): (name: string) => boolean {
  const matcher = new Minimatch(segment, { dot: false, nobrace: true, noext: true, nocomment: true, nonegate: true });
  return (name) => matcher.match(name);
}

interface Entry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly isFile: boolean;
  readonly isLink: boolean;
}

async function list(dir: string): Promise<Entry[]> {
  let dirents: Dirent[];
  try {
    dirents = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const entries: Entry[] = [];
  for (const dirent of dirents) {
    if (dirent.isSymbolicLink()) {
      // Follow links to see what they are; a broken link is neither a file nor a directory.
      const target = await fsp.stat(join(dir, dirent.name)).catch(() => null);
      entries.push({
        name: dirent.name,
        isDirectory: target?.isDirectory() ?? false,
        isFile: target?.isFile() ?? false,
        isLink: true,
      });
    } else {
      entries.push({ name: dirent.name, isDirectory: dirent.isDirectory(), isFile: dirent.isFile(), isLink: false });
    }
  }
  return entries;
}

interface Walk {
  readonly pattern: string;
  readonly found: Set<string>;
  listed: number;
}

async function listCounted(dir: string, state: Walk): Promise<Entry[]> {
  state.listed += 1;
  if (state.listed > PATTERN_LIMITS.directoriesListed)
    throw tooMuch(state.pattern, `reads more than ${PATTERN_LIMITS.directoriesListed} directories`);
  return list(dir);
}

function addFile(file: string, state: Walk): void {
  state.found.add(file);
  if (state.found.size > PATTERN_LIMITS.files)
    throw tooMuch(state.pattern, `matches more than ${PATTERN_LIMITS.files} files`);
}

async function walk(dir: string, segments: readonly string[], index: number, state: Walk): Promise<void> {
  const segment = segments[index];
  if (segment === undefined) return;
  const last = index === segments.length - 1;
  if (segment === '**') {
    if (last) return; // `a/**` names directories, not profile files.
    await walk(dir, segments, index + 1, state);
    for (const entry of await listCounted(dir, state)) {
      // Linked directories are not walked by `**`: a link back up the tree would never end.
      if (entry.isDirectory && !entry.isLink && !entry.name.startsWith('.') && !NEVER_WALK.has(entry.name)) {
        await walk(join(dir, entry.name), segments, index, state);
      }
    }
    return;
  }
  if (!hasGlobMagic(segment)) {
    const next = join(dir, segment);
    if (last) {
      const stat = await fsp.stat(next).catch(() => null);
      if (stat?.isFile()) addFile(next, state);
    } else await walk(next, segments, index + 1, state);
    return;
  }
  const matches = segmentMatcher(segment);
  for (const entry of await listCounted(dir, state)) {
    if (!matches(entry.name)) continue;
    const next = join(dir, entry.name);
    if (last && entry.isFile) addFile(next, state);
    else if (!last && entry.isDirectory) await walk(next, segments, index + 1, state);
  }
}

/** The files one glob matches, sorted; a pattern over the limits (PATTERN_LIMITS) is an input error naming it. */
export async function expandGlob(pattern: string, baseDir: string): Promise<string[]> {
  const state: Walk = { pattern, found: new Set(), listed: 0 };
  for (const alternative of expandBraces(pattern.replace(/\\/g, '/'))) {
    const root = isAbsolute(alternative) ? '/' : baseDir;
    // `**/**` is `**`: consecutive ones would walk the same tree once per way of splitting it.
    const segments = alternative
      .split('/')
      .filter((segment) => segment !== '' && segment !== '.')
      .filter((segment, index, all) => !(segment === '**' && all[index - 1] === '**'));
    await walk(root, segments, 0, state);
  }
  return [...state.found].sort();
}

/**
 * Every profile file the patterns name, absolute, in the order written (matches of one glob sorted), without
 * duplicates. A plain path is kept even if it does not exist: loading it reports the unreadable file. A glob that
 * matches nothing is an input error, because a silently empty profile list would verify nothing.
 */
export async function expandProfilePatterns(patterns: readonly string[], baseDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    const matches = hasGlobMagic(pattern) ? await expandGlob(pattern, baseDir) : [resolve(baseDir, pattern)];
    if (matches.length === 0) {
      throw new InputError('file-unreadable', `the profile pattern '${pattern}' matched no file under ${baseDir}`, {
        fix: 'check the `profile:` input of the step: patterns are relative to the workspace input',
      });
    }
    for (const match of matches) if (!files.includes(match)) files.push(match);
  }
  return files;
}
