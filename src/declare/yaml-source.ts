import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type ScalarTag, visit } from 'yaml';
import { InputError } from '../errors.js';
import { reindentQuotedContinuations } from './pyyaml-compat.js';

/** A path into a YAML value: mapping keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** One parsed YAML text with the means to point back at the line that wrote any part of it. */
export interface YamlSource {
  /** Absolute path of the file the YAML came from. */
  readonly file: string;
  /** The plain value (mappings become objects, sequences arrays). */
  readonly value: unknown;
  /** 1-based line in `file` where the node at `path` starts; the nearest existing ancestor when it is absent. */
  lineOf(path: YamlPath): number;
}

/** Aliases allowed per document: generous for real files, fatal for an alias bomb. */
const MAX_ALIAS_COUNT = 100;

const BOOL_TAG = 'tag:yaml.org,2002:bool';
/** Timestamps stay strings ("as written"); booleans follow PyYAML, which (unlike YAML 1.1) leaves y/n as strings. */
const REPLACED_TAGS: readonly string[] = ['tag:yaml.org,2002:timestamp', BOOL_TAG];
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_BOOL: ScalarTag = {
  tag: BOOL_TAG,
  default: true,
  identify: (value) => typeof value === 'boolean',
  test: /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  resolve: (text) => PYYAML_TRUE.test(text),
};

const YAML_FIX = 'correct the YAML syntax at that line (indentation, quoting, unclosed brackets)';

/**
 * Parses YAML text the way PyYAML reads Amplifier files (YAML 1.1: `on`/`yes` are booleans, `<<` merges),
 * except that timestamps stay strings so values remain "as written".
 * `lineOffset` is the number of file lines before the YAML text (front matter starts after `---`).
 */
export function parseYamlSource(file: string, text: string, lineOffset: number): YamlSource {
  const first = parseWithLines(text);
  if (first.doc.errors.length > 0) {
    // Retry the way PyYAML would read it; keep the first attempt's error if that does not help.
    const lenient = reindentQuotedContinuations(text);
    const second = lenient === null ? null : parseWithLines(lenient);
    if (second && second.doc.errors.length === 0) return fromDocument(file, second, lineOffset);
  }
  return fromDocument(file, first, lineOffset);
}

interface ParsedText {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

function parseWithLines(text: string): ParsedText {
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
    ],
  });
  return { doc, lineCounter };
}

function fromDocument(file: string, { doc, lineCounter }: ParsedText, lineOffset: number): YamlSource {
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line + lineOffset;
  const [error] = doc.errors;
  if (error) {
    const line = lineAt(error.pos[0]);
    const what = error.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'invalid YAML';
    const firstLine = error.message.split('\n')[0] ?? error.message;
    const fix = error.code === 'DUPLICATE_KEY' ? 'keep only one of the repeated keys' : YAML_FIX;
    throw new InputError('yaml-syntax', `${what}: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`, {
      file,
      line,
      fix,
    });
  }
  const value = toPlainValue(doc, file, lineAt);
  return {
    file,
    value,
    lineOf: (path) => lineOfPath(doc, path, lineAt),
  };
}

function toPlainValue(doc: Document, file: string, lineAt: (offset: number) => number): unknown {
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

interface Ranged {
  readonly range?: readonly [number, number, number] | null;
}

function startOf(node: unknown): number | null {
  const start = (node as Ranged | null | undefined)?.range?.[0];
  return typeof start === 'number' ? start : null;
}

/** Where `path` was written: a mapping entry's key, a sequence item, or the nearest existing ancestor. */
function lineOfPath(doc: Document, path: YamlPath, lineAt: (offset: number) => number): number {
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
