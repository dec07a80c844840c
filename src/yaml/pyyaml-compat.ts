/**
 * Where PyYAML (what Amplifier reads files with) differs from a YAML 1.2 parser: its booleans, and quoted scalars.
 *
 * PyYAML accepts a multi-line quoted scalar whose continuation lines are indented
 * less than its key, e.g. an agent `description: "...` whose `<example>` lines start at column 0. YAML 1.2 parsers
 * reject that. Leading white space of a quoted scalar's continuation lines is folded away, so indenting those lines
 * changes no value and no line number: this makes such files parse as they do upstream.
 */

const QUOTED_VALUE_START = /^(\s*)(?:-\s+)?(?:[^\s#'"][^#'"]*?|"[^"]*"|'[^']*'):\s+(["'])(.*)$/;

/** Index just after the closing quote in `text`, or -1 when the scalar continues on the next line. */
function closingQuoteEnd(text: string, quote: string): number {
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote === '"' && char === '\\') {
      index++;
      continue;
    }
    if (char !== quote) continue;
    if (quote === "'" && text[index + 1] === "'") {
      index++;
      continue;
    }
    return index + 1;
  }
  return -1;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The text with under-indented quoted-scalar continuation lines indented; null when there were none. */
export function reindentQuotedContinuations(text: string): string | null {
  const lines = text.split('\n');
  let changed = false;
  let open: { quote: string; indent: number } | null = null;
  for (const [index, line] of lines.entries()) {
    if (open) {
      const current: { quote: string; indent: number } = open;
      if (line.trim() !== '' && indentOf(line) <= current.indent) {
        lines[index] = `${' '.repeat(current.indent + 2)}${line.trimStart()}`;
        changed = true;
      }
      if (closingQuoteEnd(line, current.quote) >= 0) open = null;
      continue;
    }
    const match = QUOTED_VALUE_START.exec(line);
    if (!match) continue;
    const [, indent = '', quote = '"', rest = ''] = match;
    if (closingQuoteEnd(rest, quote) < 0) open = { quote, indent: indent.length };
  }
  return changed ? lines.join('\n') : null;
}

/**
 * PyYAML's booleans, the words its resolver reads as true or false (unlike YAML 1.1, `y` and `n` stay strings).
 * The YAML library uses them through a custom tag.
 */
export const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
export const PYYAML_BOOLEAN = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/**
 * PyYAML's floats: a dot is required before any exponent, and an exponent has a sign (`1e3` and `1.0e3` stay strings,
 * unlike the YAML library's 1.1 schema); `1:30.5` is base 60; `.inf` and `.nan` in their three spellings.
 */
export const PYYAML_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** The value PyYAML's float constructor gives a text PYYAML_FLOAT matches. */
export function pyyamlFloat(text: string): number {
  const value = text.replace(/_/g, '').toLowerCase();
  const sign = value.startsWith('-') ? -1 : 1;
  const digits = value.replace(/^[-+]/, '');
  if (digits === '.inf') return sign * Number.POSITIVE_INFINITY;
  if (digits === '.nan') return Number.NaN;
  if (!digits.includes(':')) return sign * Number(digits);
  return sign * digits.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}
