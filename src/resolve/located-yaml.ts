/**
 * A YAML document as a tree whose every node remembers the file and line it came from, so a value that won a
 * merge across settings scopes can still be reported as `<file>:<line>`.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { InputError } from '../errors.js';

export interface Origin {
  readonly file: string;
  readonly line: number;
}

export type LocatedValue =
  | (Origin & { readonly kind: 'map'; readonly entries: ReadonlyMap<string, LocatedEntry> })
  | (Origin & { readonly kind: 'list'; readonly items: readonly LocatedValue[] })
  | (Origin & { readonly kind: 'scalar'; readonly value: string | number | boolean | null });

export interface LocatedEntry {
  readonly key: string;
  /** The line of the key (what a user looks for), which may differ from the value's first line. */
  readonly line: number;
  readonly value: LocatedValue;
}

// Settings files are small; deeper nesting is either a mistake or an attack on the parser.
const MAX_DEPTH = 64;

function lineOf(node: Node | null | undefined, counter: LineCounter, fallback: number): number {
  const start = node?.range?.[0];
  return start === undefined ? fallback : counter.linePos(start).line;
}

function convert(node: unknown, file: string, counter: LineCounter, depth: number, fallbackLine: number): LocatedValue {
  if (depth > MAX_DEPTH)
    throw new InputError('yaml-too-complex', `nesting deeper than ${MAX_DEPTH} levels`, { file, line: fallbackLine });
  if (isAlias(node)) {
    throw new InputError('yaml-too-complex', 'YAML aliases are not supported in settings files', {
      file,
      line: lineOf(node, counter, fallbackLine),
      fix: 'write the value out instead of using *alias',
    });
  }
  const line = lineOf(node as Node | null, counter, fallbackLine);
  if (isMap(node)) {
    const entries = new Map<string, LocatedEntry>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const keyLine = lineOf(keyNode, counter, line);
      const key = isScalar(keyNode) ? keyNode.value : keyNode;
      if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean')
        throw new InputError('invalid-settings', 'mapping keys must be plain scalars', { file, line: keyLine });
      const value = convert(pair.value, file, counter, depth + 1, keyLine);
      entries.set(String(key), { key: String(key), line: keyLine, value });
    }
    return { kind: 'map', file, line, entries };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => convert(item, file, counter, depth + 1, line));
    return { kind: 'list', file, line, items };
  }
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return { kind: 'scalar', file, line, value };
    return { kind: 'scalar', file, line, value: String(value) };
  }
  // An empty value (`key:`) has no node at all.
  return { kind: 'scalar', file, line, value: null };
}

/** Parses YAML text; an empty document is an empty mapping. Syntax errors name the file and line. */
export function parseLocatedYaml(text: string, file: string): LocatedValue {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const [first] = document.errors;
  if (first) {
    const offset = first.pos[0];
    throw new InputError('yaml-syntax', `YAML syntax error: ${first.message.split('\n')[0] ?? first.code}`, {
      file,
      line: counter.linePos(offset).line,
      fix: 'fix the YAML syntax at that line',
    });
  }
  if (document.contents === null) return { kind: 'map', file, line: 1, entries: new Map() };
  return convert(document.contents, file, counter, 0, 1);
}

/** The plain JavaScript value of a located node (for source objects handed to `parseSource`). */
export function toPlain(node: LocatedValue): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'list':
      return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of node.entries) out[key] = toPlain(entry.value);
      return out;
    }
  }
}

/** amplifier-config's deep merge: mappings merge key by key; lists and scalars of the higher scope replace. */
export function mergeLocated(lower: LocatedValue, higher: LocatedValue): LocatedValue {
  if (lower.kind !== 'map' || higher.kind !== 'map') return higher;
  const entries = new Map(lower.entries);
  for (const [key, entry] of higher.entries) {
    const previous = entries.get(key);
    entries.set(key, previous ? { ...entry, value: mergeLocated(previous.value, entry.value) } : entry);
  }
  return { ...higher, entries };
}
