/**
 * Text from files, paths, refs, git or pip made safe to show: a terminal or log viewer acts on control characters
 * instead of showing them (ESC starts a sequence that retitles the window or clears the screen, CR rewrites a line,
 * a C1 CSI works like ESC [ on many terminals), and Unicode format characters reorder or hide what is shown (bidi
 * overrides and isolates, zero-width characters, line and paragraph separators). Each becomes a visible escape
 * (`\x1b`, `\u{202e}`), so what is printed is what the file holds, and never an instruction to the terminal.
 * Pure; the front ends apply it where they print.
 */

/** C0 controls but tab and newline, DEL, C1 controls, and the format characters named above. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const UNSAFE_OR_NEWLINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: as above, newline included
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** `text` with every unsafe character as a visible escape; newlines too unless `keepNewlines` (multi-line prose). */
export function printable(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? UNSAFE : UNSAFE_OR_NEWLINE, visible);
}

const COMMAND_START = /^(\s*):(?=:)/gm;
const OLD_COMMAND = /##\[/g;

/**
 * The step log of a CI job is also a command channel: the GitHub runner acts on a line that starts with `::` (after
 * white space) and on `##[` anywhere in a line (the old command syntax), and the CLI's output lands in that log when a
 * workflow runs it. Such a line keeps its text but loses its meaning with a `%3A` / `%5B` (how the Actions toolkit
 * escapes command text): shown, never run.
 */
export function withoutWorkflowCommands(text: string): string {
  return text.replace(OLD_COMMAND, '##%5B').replace(COMMAND_START, '$1%3A');
}

/** Report fields that are prose and may span lines (an installer's output, a fix); every other string is one line. */
const MULTI_LINE_KEYS: ReadonlySet<string> = new Set(['message', 'fix', 'reason', 'stderr', 'output']);

/** Every string of a JSON-like value made printable (object keys too); prose fields keep their newlines. */
export function printableDeep<T>(value: T): T {
  return walk(value, false, 0) as T;
}

function walk(value: unknown, keepNewlines: boolean, depth: number): unknown {
  if (typeof value === 'string') return printable(value, keepNewlines);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => walk(item, keepNewlines, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    out[printable(key)] = walk(item, MULTI_LINE_KEYS.has(key), depth + 1);
  return out;
}

/**
 * JSON text with the characters JSON.stringify leaves raw (DEL, C1, the format characters) written as `\u` escapes,
 * and the `[` of an old-syntax workflow command (`##[`) too: the same JSON value, but nothing in it a terminal or a
 * runner acts on (no JSON line starts with `::`: strings are quoted).
 */
export function terminalSafeJson(json: string): string {
  // A raw line break in JSON text is layout (one in a string is already `\n`): only the others are escaped.
  return json
    .replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(OLD_COMMAND, '##\\u005b');
}
