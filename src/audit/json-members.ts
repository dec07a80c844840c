/**
 * Where each member of a JSON object sits in the text, so a member can be cut out while every other byte of the
 * file stays as its writer left it (a reparse-and-reserialise would change spacing, escapes and key order).
 */

export interface MemberSpan {
  /** The decoded key. */
  readonly key: string;
  /** Offset of the key's opening quote. */
  readonly start: number;
  /** Offset just past the value. */
  readonly end: number;
  readonly valueStart: number;
}

export interface ObjectSpans {
  /** Offset of `{`. */
  readonly open: number;
  /** Offset of the matching `}`. */
  readonly close: number;
  readonly members: readonly MemberSpan[];
}

class JsonShapeError extends Error {
  readonly code = 'json-shape';
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i] ?? '')) i += 1;
  return i;
}

/** Offset just past the string starting at `at` (which must be a quote). */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i += 1;
  }
  throw new JsonShapeError(`unterminated string at offset ${at}`);
}

/** Offset just past the value starting at `at`. */
function valueEnd(text: string, at: number): number {
  const ch = text[at];
  if (ch === '"') return stringEnd(text, at);
  if (ch === '{' || ch === '[') {
    let depth = 0;
    let i = at;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i = stringEnd(text, i);
        continue;
      }
      if (c === '{' || c === '[') depth += 1;
      if (c === '}' || c === ']') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
    throw new JsonShapeError(`unterminated ${ch === '{' ? 'object' : 'array'} at offset ${at}`);
  }
  const literal = /^[-+0-9.eE]+|^true|^false|^null/.exec(text.slice(at, at + 64));
  if (!literal) throw new JsonShapeError(`unexpected character at offset ${at}`);
  return at + literal[0].length;
}

/** The members of the object whose `{` is at `open`. Throws a `json-shape` error on text that is not JSON. */
export function objectSpans(text: string, open: number): ObjectSpans {
  if (text[open] !== '{') throw new JsonShapeError(`expected an object at offset ${open}`);
  const members: MemberSpan[] = [];
  let i = skipSpace(text, open + 1);
  if (text[i] === '}') return { open, close: i, members };
  for (;;) {
    if (text[i] !== '"') throw new JsonShapeError(`expected a key at offset ${i}`);
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    let j = skipSpace(text, keyEnd);
    if (text[j] !== ':') throw new JsonShapeError(`expected ':' at offset ${j}`);
    const valueStart = skipSpace(text, j + 1);
    const end = valueEnd(text, valueStart);
    members.push({ key, start: i, end, valueStart });
    j = skipSpace(text, end);
    if (text[j] === '}') return { open, close: j, members };
    if (text[j] !== ',') throw new JsonShapeError(`expected ',' or '}' at offset ${j}`);
    i = skipSpace(text, j + 1);
  }
}

/**
 * The text without the named members of the object at `open`: each goes with the separator before it (or, for
 * the first, the one after it), so the rest keeps its layout; an object emptied entirely becomes `{}`, as
 * Python's `json.dump` writes an empty dict.
 */
export function withoutMembers(text: string, spans: ObjectSpans, keys: ReadonlySet<string>): string {
  const kept = spans.members.filter((m) => !keys.has(m.key));
  if (kept.length === spans.members.length) return text;
  if (kept.length === 0) return text.slice(0, spans.open + 1) + text.slice(spans.close);
  let out = '';
  let cursor = 0;
  const all = spans.members;
  all.forEach((member, index) => {
    if (!keys.has(member.key)) return;
    const previousKept = all.slice(0, index).some((m) => !keys.has(m.key));
    if (previousKept) {
      // Cut from the end of the previous member (removed or kept) through this value: ",\n    "key": {...}".
      const from = all[index - 1]?.end ?? member.start;
      out += text.slice(cursor, Math.max(cursor, from));
      cursor = member.end;
    } else {
      // Nothing kept before it: cut the member and the separator after it, up to the next member's key.
      const next = all[index + 1];
      out += text.slice(cursor, member.start);
      cursor = next ? next.start : member.end;
    }
  });
  return out + text.slice(cursor);
}
