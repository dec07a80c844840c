/**
 * The line of every key of a lock file, found in one pass over its text (a search per entry made reading a lock of
 * 10,000 entries take 25 s), and the first key written twice in one object: JSON.parse keeps the later value
 * silently, so a lock naming one repository twice would pin whichever came last.
 */

export interface DuplicateKey {
  /** The keys of the objects around it, outermost first (`['repositories']`). */
  readonly path: readonly string[];
  readonly key: string;
  readonly firstLine: number;
  readonly secondLine: number;
}

export interface KeyLines {
  /** 1-based line of the key at `path` (outermost first); 1 when the text has no such key. */
  readonly lineOf: (...path: string[]) => number;
  readonly duplicate: DuplicateKey | null;
}

/** One JSON object of the text: the line of each of its keys, and the objects that are their values. */
interface ObjectLines {
  readonly lines: Map<string, number>;
  readonly children: Map<string, ObjectLines>;
}

interface Frame {
  /** null for an array. */
  readonly object: ObjectLines | null;
  /** The key this container is the value of (null for the top level and array items). */
  readonly name: string | null;
  expectKey: boolean;
  lastKey: string | null;
}

/** The index just past the string that opens at `start` (a `"`): `text` is JSON that JSON.parse accepted. */
function stringEnd(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote > 0) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

const newObject = (): ObjectLines => ({ lines: new Map(), children: new Map() });

/** Scans `text`, valid JSON, once. */
export function scanKeyLines(text: string): KeyLines {
  const root = newObject();
  const stack: Frame[] = [];
  let line = 1;
  let duplicate: DuplicateKey | null = null;
  for (let at = 0; at < text.length; ) {
    const char = text.charCodeAt(at);
    if (char === QUOTE) {
      const end = stringEnd(text, at);
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const raw = text.slice(at + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(at, end)) as string) : raw;
        const first = top.object.lines.get(key);
        if (first !== undefined && duplicate === null) {
          const path = stack.slice(1).map((frame) => frame.name ?? '');
          duplicate = { path, key, firstLine: first, secondLine: line };
        }
        top.object.lines.set(key, line);
        top.lastKey = key;
        top.expectKey = false;
      }
      at = end;
      continue;
    }
    if (char === NEWLINE) line += 1;
    else if (char === OPEN_OBJECT || char === OPEN_ARRAY) {
      const parent = stack[stack.length - 1];
      const name = parent?.object ? parent.lastKey : null;
      let object: ObjectLines | null = null;
      if (char === OPEN_OBJECT) {
        object = stack.length === 0 ? root : newObject();
        if (parent?.object && name !== null) parent.object.children.set(name, object);
      }
      stack.push({ object, name, expectKey: char === OPEN_OBJECT, lastKey: null });
    } else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) stack.pop();
    else if (char === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
    }
    at += 1;
  }
  const lineOf = (...path: string[]): number => {
    let object: ObjectLines | undefined = root;
    for (const key of path.slice(0, -1)) object = object?.children.get(key);
    const last = path[path.length - 1];
    return (last === undefined ? undefined : object?.lines.get(last)) ?? 1;
  };
  return { lineOf, duplicate };
}
