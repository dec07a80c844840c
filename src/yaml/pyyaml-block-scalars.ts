/**
 * Two places where PyYAML's block scalars (`|`, `>`) differ from the YAML library's, put right on the parsed document:
 * - a block scalar that ends the text without a final line break has no final line break in PyYAML's value;
 * - in a literal (`|`) scalar, a line that ends with LINE SEPARATOR or PARAGRAPH SEPARATOR keeps that character in
 *   PyYAML's value where the library (given `\n` there: pyyaml-text.ts) has `\n`; in a folded one (`>`), the last.
 */
import { type Document, isScalar, Scalar, visit } from 'yaml';

const KEPT_BREAK = /[\u2028\u2029]/;

function literalBreaks(value: string, start: number, end: number, parsed: string, original: string): string {
  // The value's line breaks are the source's, in order, after the header line's own.
  const breaks: number[] = [];
  for (let at = parsed.indexOf('\n', start); at >= 0 && at < end; at = parsed.indexOf('\n', at + 1)) breaks.push(at);
  let index = 0;
  return value.replace(/\n/g, (newline) => {
    index += 1;
    const char = original[breaks[index] ?? -1] ?? '';
    return KEPT_BREAK.test(char) ? char : newline;
  });
}

/** A folded scalar's final line break, which PyYAML keeps as written (its inner ones are beyond this repair). */
function finalBreak(value: string, start: number, end: number, parsed: string, original: string): string {
  if (!value.endsWith('\n')) return value;
  const content = parsed.slice(start, end).trimEnd();
  const lastBreak = parsed.indexOf('\n', start + content.length);
  const char = lastBreak >= 0 && lastBreak <= end ? (original[lastBreak] ?? '') : '';
  return KEPT_BREAK.test(char) ? `${value.slice(0, -1)}${char}` : value;
}

/**
 * `parsed` is the text the library read; `original` the file's text when they have the same length (only PyYAML's line
 * breaks were replaced), else null.
 */
export function matchPyYamlBlockScalars(doc: Document, parsed: string, original: string | null): void {
  const endsWithBreak = /\n$/.test(parsed);
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
      if (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED) return;
      const [start, end] = node.range;
      let value = node.value;
      if (original !== null && KEPT_BREAK.test(original.slice(start, end))) {
        if (node.type === Scalar.BLOCK_LITERAL) value = literalBreaks(value, start, end, parsed, original);
        else value = finalBreak(value, start, end, parsed, original);
      }
      if (!endsWithBreak && end >= parsed.length && value.endsWith('\n')) value = value.slice(0, -1);
      node.value = value;
    },
  });
}
