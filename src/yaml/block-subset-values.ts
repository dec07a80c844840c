/**
 * The values the block subset reads, each only in the forms whose meaning under the YAML library's PyYAML rules is
 * plain: one-line scalars (strings, decimal numbers, PyYAML's booleans, nulls), empty or one-line flow collections
 * of simple words, and literal block scalars (`|`, `|-`). Anything else declines the whole text.
 */

import { PYYAML_BOOLEAN, PYYAML_TRUE } from './pyyaml-compat.js';

export type SubsetScalar = string | number | boolean | null;

export type SubsetNode =
  | { readonly kind: 'map'; readonly line: number; readonly entries: readonly SubsetEntry[] }
  | { readonly kind: 'list'; readonly line: number; readonly items: readonly SubsetNode[] }
  | { readonly kind: 'scalar'; readonly line: number; readonly value: SubsetScalar };

export interface SubsetEntry {
  readonly key: string;
  /** 1-based line of the key in the text. */
  readonly line: number;
  readonly value: SubsetNode;
}

/** Thrown inside the reader when a text leaves the subset, caught at its edge: never seen by a caller. */
export class Declined extends Error {}

export const decline = (): never => {
  throw new Declined();
};

// YAML's nulls; the booleans are PyYAML's (`pyyaml-compat`). y and n stay strings there, and are declined here.
const NULL_WORDS = new Set(['~', 'null', 'Null', 'NULL']);
const AMBIGUOUS_WORDS = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
/** A word that can only be a key or a string. */
export const SIMPLE_WORD = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
export const isPlainWord = (word: string): boolean => SIMPLE_WORD.test(word) && !AMBIGUOUS_WORDS.test(word);

// Decimal numbers written without a sign, an underscore, a leading zero or an exponent (those read as octal or
// sexagesimal, or need the library's rules); at most 15 digits each side, so the value is exact.
const DECIMAL_INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;
const DECIMAL_FRACTION = /^(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
/**
 * A plain scalar that can only be a string: a letter first, a path, a dotted version such as 1.0.0, or words after a
 * number ("50 modules": no number, boolean or null has a space in it).
 */
const PLAIN_STRING_START = /^(?:[A-Za-z_/]|\.\.?\/|~\/|\d+(?:\.\d+){2,}$|\d[^\s:]* +[^\s:])/;
// Inside a one-line plain scalar: `: ` would start a mapping, a trailing `:` too.
const PLAIN_DECLINED = /: |:$/;

/** A one-line value after `key: ` or `- ` (a comment may follow it). */
export function inlineValue(text: string, line: number): SubsetNode {
  const first = text[0];
  if (first === '[' || first === '{') return flowCollection(text, line);
  return { kind: 'scalar', line, value: first === '"' || first === "'" ? quoted(text, first) : plain(text) };
}

function plain(text: string): SubsetScalar {
  const comment = text.search(/\s#/);
  const value = (comment < 0 ? text : text.slice(0, comment)).trimEnd();
  if (PYYAML_BOOLEAN.test(value)) return PYYAML_TRUE.test(value);
  if (NULL_WORDS.has(value)) return null;
  if (DECIMAL_INTEGER.test(value) || DECIMAL_FRACTION.test(value)) return Number(value);
  if (!PLAIN_STRING_START.test(value) || AMBIGUOUS_WORDS.test(value) || PLAIN_DECLINED.test(value)) decline();
  return value;
}

/** A quoted scalar on one line without escapes, then nothing or a comment. */
function quoted(text: string, quote: '"' | "'"): string {
  let value = '';
  let at = 1;
  for (; at < text.length; at++) {
    const char = text[at];
    if (quote === '"' && char === '\\') decline();
    if (char !== quote) {
      value += char;
      continue;
    }
    if (quote === "'" && text[at + 1] === "'") {
      value += "'";
      at++;
      continue;
    }
    break;
  }
  if (at >= text.length) decline(); // unclosed on this line: a multi-line scalar
  if (!isCommentOrNothing(text.slice(at + 1))) decline();
  return value;
}

const isCommentOrNothing = (rest: string): boolean => rest === '' || /^\s+#/.test(rest);

/** `[]`, `{}` or `[word, word]` of simple words on one line. */
function flowCollection(text: string, line: number): SubsetNode {
  const close = text.indexOf(text[0] === '[' ? ']' : '}');
  if (close < 0 || !isCommentOrNothing(text.slice(close + 1))) decline();
  const inside = text.slice(1, close).trim();
  if (text[0] === '{') return inside === '' ? { kind: 'map', line, entries: [] } : decline();
  if (inside === '') return { kind: 'list', line, items: [] };
  const words = inside.split(',').map((word) => word.trim());
  if (!words.every(isPlainWord)) decline();
  return { kind: 'list', line, items: words.map((value) => ({ kind: 'scalar', line, value })) };
}

/**
 * A literal block scalar (`|` keeps the last line break, `|-` drops it) whose lines are the raw lines from index
 * `from` (the line after the indicator's), up to the first non-blank line indented `parentIndent` or less. Returns
 * the value and how many raw lines it spans.
 */
export function literalBlock(
  indicator: string,
  rawLines: readonly string[],
  from: number,
  parentIndent: number,
): { readonly value: string; readonly span: number } {
  if (indicator !== '|' && indicator !== '|-') decline();
  let span = 0;
  let indent = -1;
  const kept: string[] = [];
  for (let at = from; at < rawLines.length; at++) {
    const raw = rawLines[at] ?? '';
    const blank = raw.trim() === '';
    const lineIndent = raw.length - raw.trimStart().length;
    if (!blank && lineIndent <= parentIndent) break;
    if (!blank && indent < 0) indent = lineIndent;
    // Less indented than the first line, or spaces past the indentation on a blank line: the library's rules.
    if (!blank && lineIndent < indent) decline();
    if (blank && indent >= 0 && raw.length > indent) decline();
    if (blank && indent < 0 && raw.length > 0) decline();
    kept.push(blank ? '' : raw.slice(indent));
    span++;
  }
  if (indent < 0) decline(); // an empty block
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  const body = kept.join('\n');
  return { value: indicator === '|' ? `${body}\n` : body, span };
}
