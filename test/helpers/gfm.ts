/**
 * The job summary as GitHub shows it: rendered by micromark with its GFM extension (tables, autolink literals,
 * strikethrough, task lists), which follows cmark-gfm, GitHub's own renderer, including raw HTML passed through.
 * `visibleText` is what a reader sees: tags dropped, entities decoded once, as a browser does.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

/** The text a browser shows for rendered HTML (one line per block-ish element). */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<\/(p|li|tr|h[1-6]|summary|td|th)>/g, '\n').replace(/<[^>]+>/g, ''));
}

/** The href of every link the renderer made (autolinks included). */
export function links(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => decodeEntities(match[1] ?? ''));
}
