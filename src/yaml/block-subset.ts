/**
 * A reader for the plain shape most profiles, bundles and settings files have: block mappings and sequences of
 * simple keys and one-line values (see `block-subset-values` for which). The YAML library costs about 10 ms the
 * first time it parses anything (its parser, composer and schema compile on first use), and its code is most of the
 * CLI's bundle; this reader gives the same value and the same lines in well under a millisecond, or null as soon as
 * a line leaves the subset. Null is not an error: the library then reads the text and reports any error itself. So
 * the subset only accepts text whose meaning is plain; a duplicate key, an anchor, a tag, a multi-line plain or
 * quoted scalar, an escape or an indentation it does not expect declines the whole text.
 */
import {
  Declined,
  decline,
  inlineValue,
  isPlainWord,
  literalBlock,
  type SubsetEntry,
  type SubsetNode,
} from './block-subset-values.js';

export type { SubsetEntry, SubsetNode } from './block-subset-values.js';

interface Line {
  /** 1-based line number in the text. */
  readonly number: number;
  readonly indent: number;
  /** The line without its indentation and trailing spaces. */
  readonly text: string;
}

interface Cursor {
  /** Every line of the text, for block scalars (whose blank and `#` lines are content). */
  readonly raw: readonly string[];
  /** The lines that are neither blank nor comments. */
  readonly lines: readonly Line[];
  at: number;
}

const KEY_LINE = /^([^\s:]+):(?: (.*))?$/;
const MAX_KEY_LENGTH = 128;
const MAX_DEPTH = 48;

/**
 * Control characters (YAML refuses most), tabs and carriage returns (indentation rules differ), a byte order mark,
 * and the characters YAML 1.1 counts as line breaks (NEL, LS, PS): any of them sends the text to the library.
 */
function outsideSubset(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x0a) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfeff || code === 0x2028 || code === 0x2029) {
      return true;
    }
  }
  return false;
}

/** The text's value and lines, or null when it is not in the subset (read it with the YAML library then). */
export function readBlockSubset(text: string): SubsetNode | null {
  if (outsideSubset(text)) return null;
  try {
    const raw = text.split('\n');
    const lines = contentLines(raw);
    const first = lines[0];
    if (first === undefined || first.indent !== 0) return null;
    const cursor: Cursor = { raw, lines, at: 0 };
    const root = blockNode(cursor, 0, 0);
    return cursor.at === lines.length ? root : null;
  } catch (error) {
    if (error instanceof Declined) return null;
    throw error;
  }
}

function contentLines(raw: readonly string[]): Line[] {
  const lines: Line[] = [];
  raw.forEach((line, index) => {
    // Directives and document markers start at column 0; any is beyond the subset.
    if (/^(?:%|---|\.\.\.)/.test(line)) decline();
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    lines.push({ number: index + 1, indent: line.length - line.trimStart().length, text: trimmed });
  });
  return lines;
}

const isItem = (text: string): boolean => text === '-' || text.startsWith('- ');

function blockNode(cursor: Cursor, indent: number, depth: number): SubsetNode {
  if (depth > MAX_DEPTH) decline();
  const line = cursor.lines[cursor.at] ?? decline();
  return isItem(line.text) ? sequence(cursor, indent, depth) : mapping(cursor, indent, depth, line);
}

/** A mapping whose keys sit at `indent`; `first` may be a line's tail after `- ` (a mapping inside an item). */
function mapping(cursor: Cursor, indent: number, depth: number, first: Line): SubsetNode {
  const entries: SubsetEntry[] = [];
  const keys = new Set<string>();
  let line: Line | undefined = first;
  while (line) {
    const match = KEY_LINE.exec(line.text) ?? decline();
    const key = match[1] ?? decline();
    if (key.length > MAX_KEY_LENGTH || key === '__proto__' || !isPlainWord(key)) decline();
    if (keys.has(key)) decline();
    keys.add(key);
    cursor.at++;
    const inline = match[2]?.trim() ?? '';
    const next = cursor.lines[cursor.at];
    let value: SubsetNode;
    if (inline.startsWith('|')) {
      const block = literalBlock(inline, cursor.raw, line.number, indent);
      value = { kind: 'scalar', line: line.number, value: block.value };
      const end = line.number + block.span;
      while ((cursor.lines[cursor.at]?.number ?? Number.POSITIVE_INFINITY) <= end) cursor.at++;
    } else if (inline !== '' && !inline.startsWith('#')) {
      value = inlineValue(inline, line.number);
      if (next && next.indent > indent) decline(); // a continuation line or a nested block after a value
    } else if (next && next.indent > indent) {
      value = blockNode(cursor, next.indent, depth + 1);
    } else if (next && next.indent === indent && isItem(next.text)) {
      value = sequence(cursor, indent, depth + 1); // `key:` then `- item` at the key's own indentation
    } else {
      value = { kind: 'scalar', line: line.number, value: null };
    }
    entries.push({ key, line: line.number, value });
    const after = cursor.lines[cursor.at];
    if (!after || after.indent < indent) break;
    if (after.indent > indent || isItem(after.text)) decline();
    line = after;
  }
  return { kind: 'map', line: first.number, entries };
}

function sequence(cursor: Cursor, indent: number, depth: number): SubsetNode {
  const items: SubsetNode[] = [];
  const start = cursor.lines[cursor.at] ?? decline();
  for (let line = cursor.lines[cursor.at]; line && line.indent === indent && isItem(line.text); ) {
    const rest = line.text.slice(1);
    const body = rest.trimStart();
    if (body === '' || body.startsWith('#') || body.startsWith('|') || isItem(body)) decline();
    if (KEY_LINE.test(body)) {
      // `- key: value`: a mapping whose keys line up with the first one, after the dash and its spaces.
      const column = indent + 1 + (rest.length - body.length);
      items.push(mapping(cursor, column, depth + 1, { number: line.number, indent: column, text: body }));
    } else {
      cursor.at++;
      items.push(inlineValue(body, line.number));
    }
    line = cursor.lines[cursor.at];
    if (line && line.indent > indent) decline();
  }
  return { kind: 'list', line: start.number, items };
}
