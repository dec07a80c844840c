/**
 * The lock file (`amplifier-modules.lock`): which commit every git source, module and bundle include was pinned to.
 * JSON, version 1, keys sorted at every level, two-space indent, one line per pin, so a re-pin is a one-line diff.
 * Reading is pure (text -> value or an InputError naming the line); writing is the caller's (temp file + rename).
 */
import { InputError } from '../errors.js';
import { LAYER_ORDER, type LayerName } from '../model.js';
import { lockDisagreement } from './lock-agreement.js';
import type { LockedModule } from './lock-entries.js';
import { type KeyLines, scanKeyLines } from './lock-key-lines.js';

export type { LockedModule } from './lock-entries.js';

export const LOCK_VERSION = 1;
export { DEFAULT_LOCK_FILE_NAME } from '../options/option-table.js';
export const LOCK_FIX = 'run amplifier-modules lock';

export interface LockFile {
  /** `url@ref` (no credentials, no `git+`) -> commit. */
  readonly repositories: ReadonlyMap<string, string>;
  /** Module key (the id, or `id [agent ns:name]` for an agent's own declaration) -> what it resolved to. */
  readonly modules: ReadonlyMap<string, LockedModule>;
  /** Bundle git include URI (no credentials) -> commit. */
  readonly includes: ReadonlyMap<string, string>;
  /**
   * Bundle git includes that could not be fetched when the lock was written (URI -> why): skipped, as `verify` and
   * Amplifier skip them, and skipped again by `--frozen`. Written only when there is one.
   */
  readonly skippedIncludes?: ReadonlyMap<string, string> | undefined;
}

const COMMIT = /^[0-9a-f]{40}$/;

/** Sorted keys at every level, so the same lock always renders to the same bytes. */
function sortedObject<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out: Record<string, T> = Object.create(null) as Record<string, T>;
  for (const [key, value] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[key] = value;
  return out;
}

function moduleObject(entry: LockedModule): Record<string, string> {
  const fields: [string, string][] = [
    ['layer', entry.layer],
    ['source', entry.source],
  ];
  if (entry.subdirectory) fields.push(['subdirectory', entry.subdirectory]);
  if (entry.commit) fields.push(['commit', entry.commit]);
  return sortedObject(fields);
}

export function renderLockFile(lock: LockFile): string {
  const document = {
    includes: sortedObject(lock.includes),
    modules: sortedObject([...lock.modules].map(([key, entry]) => [key, moduleObject(entry)] as const)),
    repositories: sortedObject(lock.repositories),
    ...(lock.skippedIncludes?.size ? { skippedIncludes: sortedObject(lock.skippedIncludes) } : {}),
    version: LOCK_VERSION,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The line of a JSON.parse failure: Node names the character position. */
function lineOfSyntaxError(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (!position?.[1]) return 1;
  return text.slice(0, Number(position[1])).split('\n').length;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(file: string, line: number, message: string): InputError {
  return new InputError('invalid-lock', message, {
    file,
    line,
    fix: `${LOCK_FIX} to write it again (or restore it from version control)`,
  });
}

function commitMap(file: string, lines: KeyLines, value: unknown, section: string): Map<string, string> {
  if (value === undefined) return new Map();
  if (!isObject(value)) throw problem(file, lines.lineOf(section), `'${section}' must be an object`);
  const out = new Map<string, string>();
  for (const [key, commit] of Object.entries(value)) {
    if (typeof commit !== 'string' || !COMMIT.test(commit))
      throw problem(file, lines.lineOf(section, key), `${section} entry '${key}' is not a 40-hex commit`);
    out.set(key, commit);
  }
  return out;
}

function lockedModule(file: string, lines: KeyLines, id: string, value: unknown): LockedModule {
  const where = lines.lineOf('modules', id);
  if (!isObject(value)) throw problem(file, where, `module '${id}' must be an object`);
  const { layer, source, subdirectory, commit } = value;
  if (typeof layer !== 'string' || !(LAYER_ORDER as readonly string[]).includes(layer))
    throw problem(file, where, `module '${id}' has no valid layer (one of ${LAYER_ORDER.join(', ')})`);
  if (typeof source !== 'string' || source === '') throw problem(file, where, `module '${id}' has no source`);
  if (subdirectory !== undefined && typeof subdirectory !== 'string')
    throw problem(file, where, `module '${id}' has a subdirectory that is not text`);
  if (commit !== undefined && (typeof commit !== 'string' || !COMMIT.test(commit)))
    throw problem(file, where, `module '${id}' has a commit that is not 40 hex`);
  return { layer: layer as LayerName, source, subdirectory, commit };
}

/** Module entries checked between two pauses of a yielding parse. */
const ENTRIES_PER_STEP = 10_000;

/**
 * The parse, in steps: it pauses (yields) between them, so a caller on the event loop can let a signal through while
 * a lock of tens of megabytes is read (`parseLockFileYielding`); `parseLockFile` runs it straight through.
 */
function* parseSteps(file: string, text: string): Generator<void, LockFile> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw problem(file, lineOfSyntaxError(text, message), `the lock file is not valid JSON (${message})`);
  }
  if (!isObject(document)) throw problem(file, 1, 'the lock file must hold one JSON object');
  yield;
  const lines = scanKeyLines(text);
  if (lines.duplicate) {
    const { path, key, firstLine, secondLine } = lines.duplicate;
    const where = path.length > 0 ? ` in '${path.join('.')}'` : '';
    throw problem(
      file,
      secondLine,
      `'${key}' is written twice${where} (lines ${firstLine} and ${secondLine}); a lock holds one entry per key`,
    );
  }
  if (document.version !== LOCK_VERSION)
    throw problem(
      file,
      lines.lineOf('version'),
      `unsupported lock version ${JSON.stringify(document.version ?? null)} (this amplifier-modules reads version ${LOCK_VERSION})`,
    );
  yield;
  const modules = new Map<string, LockedModule>();
  if (document.modules !== undefined) {
    if (!isObject(document.modules)) throw problem(file, lines.lineOf('modules'), "'modules' must be an object");
    for (const [id, value] of Object.entries(document.modules)) {
      modules.set(id, lockedModule(file, lines, id, value));
      if (modules.size % ENTRIES_PER_STEP === 0) yield;
    }
  }
  const lock = {
    repositories: commitMap(file, lines, document.repositories, 'repositories'),
    modules,
    includes: commitMap(file, lines, document.includes, 'includes'),
    skippedIncludes: reasonMap(file, lines, document.skippedIncludes),
  };
  yield;
  const disagreement = lockDisagreement(lock, lines);
  if (disagreement) throw problem(file, disagreement.line, disagreement.message);
  return lock;
}

/** Parses a lock file's text; every problem is an InputError (exit 2) with the file, line and fix. */
export function parseLockFile(file: string, text: string): LockFile {
  const steps = parseSteps(file, text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `parseLockFile`, letting the event loop run (signals, timers) between its steps. */
export async function parseLockFileYielding(file: string, text: string): Promise<LockFile> {
  const steps = parseSteps(file, text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resume) => setImmediate(resume));
  }
}

function reasonMap(file: string, lines: KeyLines, value: unknown): Map<string, string> {
  if (value === undefined) return new Map();
  if (!isObject(value)) throw problem(file, lines.lineOf('skippedIncludes'), "'skippedIncludes' must be an object");
  const out = new Map<string, string>();
  for (const [uri, reason] of Object.entries(value)) {
    if (typeof reason !== 'string') throw problem(file, lines.lineOf(uri), `skipped include '${uri}' has no reason`);
    out.set(uri, reason);
  }
  return out;
}
