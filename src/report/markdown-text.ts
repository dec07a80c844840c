/**
 * Text placed into GitHub-flavoured Markdown so that it appears exactly as written. GitHub's renderer turns bare URLs
 * into links from the raw text, before entities are decoded, so an entity (`&#35;`) inside a URL shows literally and
 * breaks the link; and it reads `@name` as a mention. So values (ids, sources, paths, keys) go into code spans,
 * where nothing is parsed, and prose gets backslash escapes, with anything URL-like in it made a code span too.
 */

/** Inside a table every `|` ends the cell, even within a code span, unless escaped (GFM tables). */
export type Place = 'text' | 'cell';

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}

/** A code span that holds `text` verbatim: a fence longer than any backtick run inside, padded when needed. */
export function codeSpan(text: string, place: Place = 'text'): string {
  const value = oneLine(text);
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  const span = `${fence}${pad}${value}${pad}${fence}`;
  return place === 'cell' ? span.replace(/\|/g, '\\|') : span;
}

// The ASCII punctuation Markdown, GFM or GitHub (mentions, entities, links, emphasis, tables) could read as syntax.
const SPECIAL = /[\\`*_{}[\]()<>#+!|~&@]/g;

/** Plain text made literal: backslash escapes, which CommonMark allows before any ASCII punctuation. */
export function escapeText(text: string): string {
  return oneLine(text).replace(SPECIAL, (char) => `\\${char}`);
}

// A URL, a `git+...` source or an absolute path inside prose: shown as code, never linked, never escaped away.
const VALUE_LIKE = /((?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+|(?<![\w/])\/[^\s,;()]+)/gi;

/** Prose from the core (trail details, fixes): `backticked` spans and URL-like words become code, the rest is text. */
export function prose(text: string, place: Place = 'text'): string {
  return oneLine(text)
    .split(/`([^`\n]+)`/)
    .map((part, index) => {
      if (index % 2 === 1) return codeSpan(part, place);
      return part
        .split(VALUE_LIKE)
        .map((piece, inner) =>
          inner % 2 === 1 ? codeSpan(trimTrailing(piece), place) + trailing(piece) : escapeText(piece),
        )
        .join('');
    })
    .join('');
}

/** Sentence punctuation after a URL belongs to the sentence. */
function trimTrailing(value: string): string {
  return value.replace(/[.,;:)'"]+$/, '');
}

function trailing(value: string): string {
  return escapeText(value.slice(trimTrailing(value).length));
}

/** Text for raw HTML (`<summary>`): HTML escaping, which a browser decodes there. */
export function htmlText(text: string): string {
  return oneLine(text).replace(/[&<>"]/g, (char) => `&#${char.codePointAt(0)};`);
}
