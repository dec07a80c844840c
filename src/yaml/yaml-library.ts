/**
 * The YAML library's reading of a file (every YAML file is read here): parsed as PyYAML reads it (YAML
 * 1.1: `on`/`yes` are booleans, `<<` merges, timestamps stay strings), every position counted by one line counter,
 * errors as bad input at their line and column. Loaded on first need: the library is most of the bundle.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type ScalarTag,
  visit,
} from 'yaml';
import { InputError } from '../errors.js';
import { matchPyYamlBlockScalars } from './pyyaml-block-scalars.js';
import {
  PYYAML_BOOLEAN,
  PYYAML_FLOAT,
  PYYAML_TRUE,
  pyyamlFloat,
  reindentQuotedContinuations,
} from './pyyaml-compat.js';
import { badAnchorOffset, keylessValueOffset, refusedTabOffset, withPyYamlLineBreaks } from './pyyaml-text.js';
import type { LocatedEntry, LocatedValue, YamlPath, YamlSource } from './yaml-types.js';

/** Aliases allowed per document: generous for real files, fatal for an alias bomb. */
const MAX_ALIAS_COUNT = 100;
// Settings files are small; deeper nesting is either a mistake or an attack on the parser.
const MAX_DEPTH = 64;

const BOOL_TAG = 'tag:yaml.org,2002:bool';
/** Timestamps stay strings ("as written"); booleans follow PyYAML, which (unlike YAML 1.1) leaves y/n as strings. */
const FLOAT_TAG = 'tag:yaml.org,2002:float';
const REPLACED_TAGS: readonly string[] = ['tag:yaml.org,2002:timestamp', BOOL_TAG, FLOAT_TAG];
const PYYAML_FLOAT_TAG: ScalarTag = {
  tag: FLOAT_TAG,
  default: true,
  identify: (value) => typeof value === 'number' && !Number.isInteger(value),
  test: PYYAML_FLOAT,
  resolve: pyyamlFloat,
};
const PYYAML_BOOL: ScalarTag = {
  tag: BOOL_TAG,
  default: true,
  identify: (value) => typeof value === 'boolean',
  test: PYYAML_BOOLEAN,
  resolve: (text) => PYYAML_TRUE.test(text),
};

const YAML_FIX = 'correct the YAML syntax at that line (indentation, quoting, unclosed brackets)';

/** A parsed document and where its nodes are: `lineAt(offset)` is the 1-based line in the file. */
interface ParsedYaml {
  readonly file: string;
  readonly doc: Document;
  lineAt(offset: number): number;
}

function parseWithLines(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    keepSourceTokens: true,
    uniqueKeys: true,
    version: '1.1',
    merge: true,
    prettyErrors: false,
    customTags: (tags) => [
      ...tags.filter((tag) => typeof tag === 'string' || !REPLACED_TAGS.includes(tag.tag)),
      PYYAML_BOOL,
      PYYAML_FLOAT_TAG,
    ],
  });
  return { doc, lineCounter };
}

/** The first error of a parse: the library's, or a tab PyYAML refuses, whichever comes first in the text. */
function firstError(
  doc: Document,
  tabOffset: number | null,
): { offset: number; message: string; duplicate: boolean } | null {
  // PyYAML's safe loader refuses a tag it has no constructor for; the library only warns.
  const [error] = [...doc.errors, ...doc.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED')];
  const library = error
    ? {
        offset: error.pos[0],
        message: `${error.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'invalid YAML'}: ${(error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
        duplicate: error.code === 'DUPLICATE_KEY',
      }
    : null;
  if (tabOffset !== null && (library === null || tabOffset <= library.offset)) {
    return {
      offset: tabOffset,
      message: 'invalid YAML: a tab where YAML (as PyYAML, which Amplifier uses, reads it) allows only spaces',
      duplicate: false,
    };
  }
  return library;
}

type YamlProblem = { offset: number; message: string; duplicate: boolean };

/** What the library reads and PyYAML refuses: a value with no key, an anchor name beyond letters, digits, - and _. */
function pyyamlRefusal(doc: Document, text: string): YamlProblem | null {
  const keyless = keylessValueOffset(doc, text);
  if (keyless !== null)
    return { offset: keyless, message: "invalid YAML: a mapping value (':') with no key", duplicate: false };
  const anchor = badAnchorOffset(doc);
  if (anchor === null) return null;
  return {
    offset: anchor,
    message: 'invalid YAML: an anchor or alias name other than letters, digits, - and _',
    duplicate: false,
  };
}

/**
 * Parses YAML text the way PyYAML reads Amplifier files (YAML 1.1: `on`/`yes` are booleans, `<<` merges; its line
 * breaks and white space: pyyaml-text.ts), except that timestamps stay strings so values remain "as written".
 * `lineOffset` is the number of file lines before the YAML text (front matter starts after `---`). A syntax error is
 * bad input at its line, and the message names its column.
 */
function parseYaml(file: string, original: string, lineOffset: number): ParsedYaml {
  const text = withPyYamlLineBreaks(original);
  let parsed = parseWithLines(text);
  let parsedText = text;
  if (parsed.doc.errors.length > 0) {
    // Retry the way PyYAML would read it; keep the first attempt's error if that does not help.
    const lenient = reindentQuotedContinuations(text);
    const second = lenient === null ? null : parseWithLines(lenient);
    if (second && lenient !== null && second.doc.errors.length === 0) {
      parsed = second;
      parsedText = lenient;
    }
  }
  matchPyYamlBlockScalars(parsed.doc, parsedText, parsedText === text ? original : null);
  const { doc, lineCounter } = parsed;
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line + lineOffset;
  const error = firstError(doc, refusedTabOffset(text)) ?? pyyamlRefusal(doc, parsedText);
  if (error) {
    throw new InputError('yaml-syntax', `${error.message} (column ${lineCounter.linePos(error.offset).col})`, {
      file,
      line: lineAt(error.offset),
      fix: error.duplicate ? 'keep only one of the repeated keys' : YAML_FIX,
    });
  }
  return { file, doc, lineAt };
}

function startOf(node: unknown): number | null {
  const start = (node as { range?: readonly number[] | null } | null | undefined)?.range?.[0];
  return typeof start === 'number' ? start : null;
}

// --- YamlSource: one file's plain value and the line of any path in it.

export function libraryYamlSource(file: string, text: string, lineOffset: number): YamlSource {
  const parsed = parseYaml(file, text, lineOffset);
  return { file, value: toPlainValue(parsed), lineOf: (path) => lineOfPath(parsed, path) };
}

function toPlainValue({ doc, file, lineAt }: ParsedYaml): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError('yaml-too-complex', `YAML aliases expand too far (${message})`, {
      file,
      line: lineAt(firstAliasOffset(doc)),
      fix: `use at most ${MAX_ALIAS_COUNT} alias expansions; write the repeated values out`,
    });
  }
}

/** Where the first `*alias` is written: the line an alias bomb starts exploding. */
function firstAliasOffset(doc: Document): number {
  let offset = startOf(doc.contents) ?? 0;
  visit(doc, {
    Alias(_key, node) {
      offset = startOf(node) ?? offset;
      return visit.BREAK;
    },
  });
  return offset;
}

/** Where `path` was written: a mapping entry's key, a sequence item, or the nearest existing ancestor. */
function lineOfPath({ doc, lineAt }: ParsedYaml, path: YamlPath): number {
  for (let length = path.length; length > 0; length--) {
    const parent = length === 1 ? doc.contents : doc.getIn(path.slice(0, length - 1), true);
    const last = path[length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(last));
      const start = startOf(pair?.key);
      if (start !== null) return lineAt(start);
    } else if (isSeq(parent) && typeof last === 'number') {
      const start = startOf(parent.items[last]);
      if (start !== null) return lineAt(start);
    }
  }
  return lineAt(startOf(doc.contents) ?? 0);
}

// --- LocatedValue: a tree whose every node keeps its file and line.

/** Parses YAML text into a located tree; an empty document is an empty mapping. Aliases are refused. */
export function libraryLocatedYaml(text: string, file: string): LocatedValue {
  const parsed = parseYaml(file, text, 0);
  if (parsed.doc.contents === null) return { kind: 'map', file, line: 1, entries: new Map() };
  return convert(parsed, parsed.doc.contents, 0, 1);
}

function convert(parsed: ParsedYaml, node: unknown, depth: number, fallbackLine: number): LocatedValue {
  const { file } = parsed;
  const lineOf = (of: unknown, fallback: number): number => {
    const start = startOf(of);
    return start === null ? fallback : parsed.lineAt(start);
  };
  if (depth > MAX_DEPTH)
    throw new InputError('yaml-too-complex', `nesting deeper than ${MAX_DEPTH} levels`, { file, line: fallbackLine });
  if (isAlias(node)) {
    throw new InputError('yaml-too-complex', 'YAML aliases are not supported in settings files', {
      file,
      line: lineOf(node, fallbackLine),
      fix: 'write the value out instead of using *alias',
    });
  }
  const line = lineOf(node, fallbackLine);
  if (isMap(node)) {
    const entries = new Map<string, LocatedEntry>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const keyLine = lineOf(keyNode, line);
      const key = isScalar(keyNode) ? keyNode.value : keyNode;
      if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean')
        throw new InputError('invalid-settings', 'mapping keys must be plain scalars', { file, line: keyLine });
      const value = convert(parsed, pair.value, depth + 1, keyLine);
      entries.set(String(key), { key: String(key), line: keyLine, value });
    }
    return { kind: 'map', file, line, entries };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => convert(parsed, item, depth + 1, line));
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
