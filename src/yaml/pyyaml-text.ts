/**
 * What PyYAML (which Amplifier reads every file with) takes for a line break and for white space, applied before the
 * YAML library reads a text, so both see the same lines and the same tokens:
 * - NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) and a lone CR end a line, a comment included: a module
 *   written after one of them inside a comment is a module for Amplifier. They become `\n`, one character for one,
 *   so every offset stays; inside a quoted scalar LS and PS stay as they are (PyYAML keeps them in the value).
 * - A tab is white space only inside a quoted or block scalar and in a comment; anywhere else (after `key:`, after
 *   `-`, in indentation, inside a plain scalar) PyYAML refuses the file: "found character '\t' that cannot start any
 *   token". So is it refused here, at its line and column.
 * - A non-breaking space is no white space at all (the library agrees; JavaScript's trim() does not, so nothing
 *   here trims).
 */
import { CST, type Document, isAlias, Lexer, visit } from 'yaml';

const BREAKS = /[\u0085\u2028\u2029]|\r(?!\n)/g;
const HAS_BREAK = /[\u0085\u2028\u2029]|\r(?!\n)/;
const KEPT_IN_QUOTES = /[\u2028\u2029]/;

interface Token {
  readonly source: string;
  readonly offset: number;
  /** Inside a quoted scalar. */
  readonly quoted: boolean;
  /**
   * How much of the token, from its start, is a quoted scalar, a comment or a block scalar's content: where PyYAML
   * takes a tab as it is (the whole token, or up to a quoted scalar's closing quote).
   */
  readonly literalEnd: number;
}

/** The index just past the closing quote of a quoted scalar in `source` (searched from `from`), or -1. */
function closingEnd(source: string, quote: string, from: number): number {
  for (let at = from; at < source.length; at += 1) {
    const char = source[at];
    if (quote === '"' && char === '\\') at += 1;
    else if (char === quote) {
      if (quote === "'" && source[at + 1] === "'") at += 1;
      else return at + 1;
    }
  }
  return -1;
}

/**
 * The lexer's tokens with their offsets (its control tokens take no room in the text). A quoted scalar whose lines
 * continue less indented than its key (which PyYAML reads) comes as several tokens: the ones up to its closing
 * quote are part of it.
 */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let offset = 0;
  let blockHeader = false;
  let blockContentNext = false;
  let openQuote: string | null = null;
  for (const source of new Lexer().lex(text)) {
    if (source === CST.DOCUMENT || source === CST.FLOW_END || source === CST.SCALAR) {
      if (source === CST.SCALAR && blockHeader) blockContentNext = true;
      continue;
    }
    const type = CST.tokenType(source) ?? null;
    let quoted = false;
    let literalEnd = blockContentNext || type === 'comment' ? source.length : 0;
    if (openQuote !== null || type === 'single-quoted-scalar' || type === 'double-quoted-scalar') {
      const quote: string = openQuote ?? source[0] ?? '"';
      const end = closingEnd(source, quote, openQuote === null ? 1 : 0);
      quoted = true;
      literalEnd = end < 0 ? source.length : end;
      openQuote = end < 0 ? quote : null;
    }
    out.push({ source, offset, quoted, literalEnd });
    if (type === 'block-scalar-header') blockHeader = true;
    else if (blockContentNext || (type !== 'newline' && type !== 'space' && type !== 'comment')) blockHeader = false;
    blockContentNext = false;
    offset += source.length;
  }
  return out;
}

/** The text with PyYAML's line breaks as `\n` (same length); LS and PS inside quoted scalars kept. */
export function withPyYamlLineBreaks(text: string): string {
  if (!HAS_BREAK.test(text)) return text;
  const broken = text.replace(BREAKS, '\n');
  if (!KEPT_IN_QUOTES.test(text)) return broken;
  const chars = broken.split('');
  for (const token of tokens(broken)) {
    if (!token.quoted) continue;
    for (let at = token.offset; at < token.offset + token.source.length; at += 1) {
      const original = text[at] ?? '';
      if (KEPT_IN_QUOTES.test(original)) chars[at] = original;
    }
  }
  return chars.join('');
}

/** The offset of the first tab PyYAML would refuse, or null. */
export function refusedTabOffset(text: string): number | null {
  if (!text.includes('\t')) return null;
  for (const token of tokens(text)) {
    if (token.literalEnd === token.source.length && !token.quoted) {
      // A block scalar's token ends with the white space before the next line's first token: its indentation.
      const lastBreak = token.source.lastIndexOf('\n');
      const tail = token.source.slice(lastBreak + 1);
      if (lastBreak >= 0 && /^[ \t]*$/.test(tail) && tail.includes('\t'))
        return token.offset + lastBreak + 1 + tail.indexOf('\t');
      continue;
    }
    const tab = token.source.indexOf('\t', token.literalEnd);
    if (tab >= 0) return token.offset + tab;
  }
  return null;
}

/**
 * The offset of the first mapping value written without a key (`: x` with nothing before it on its line, or in a
 * flow mapping): the library reads an empty key there, PyYAML refuses the file. An explicit `? ` key may be empty.
 */
export function keylessValueOffset(doc: Document, text: string): number | null {
  let found: number | null = null;
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key as { range?: readonly number[] | null; source?: unknown } | null;
      const start = key?.range?.[0];
      if (typeof start !== 'number' || key?.range?.[1] !== start || text[start] !== ':') return;
      found = start;
      return visit.BREAK;
    },
  });
  return found;
}

const ANCHOR_NAME = /^[0-9A-Za-z_-]+$/;

/** The offset of the first anchor or alias whose name PyYAML refuses (it allows letters, digits, `-` and `_`). */
export function badAnchorOffset(doc: Document): number | null {
  let found: number | null = null;
  const check = (name: unknown, range: readonly number[] | null | undefined): boolean => {
    if (typeof name !== 'string' || ANCHOR_NAME.test(name)) return false;
    found = range?.[0] ?? 0;
    return true;
  };
  visit(doc, {
    Node(_key, node) {
      const anchored = node as { anchor?: unknown; source?: unknown; range?: readonly number[] | null };
      if (check(anchored.anchor, anchored.range)) return visit.BREAK;
      if (isAlias(node) && check(anchored.source, anchored.range)) return visit.BREAK;
      return undefined;
    },
  });
  return found;
}
