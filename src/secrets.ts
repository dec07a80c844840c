/**
 * The one masker. Credentials never reach a log, a report, an error, a summary or a file: everything that leaves the
 * tool goes through a Redactor, which masks the userinfo of every URL in the text (whatever characters the password
 * holds) and every secret registered with it (tokens, and the credentials of every source URL the run met, in their
 * raw, percent-decoded and HTTP Basic forms, so git's own messages cannot quote a piece of them back either).
 */

const MASK = '***';
const SCHEME = /[a-z][a-z0-9+.-]*:\/\//gi;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?/;
const HOST_ALONE = new RegExp(`${HOST.source}$`);
// What may follow a host name in a URL or in the message quoting it.
const AFTER_HOST = /^(?:$|[/?#:'"`)\],;>|])/;
// Well-known token shapes that may turn up in git's or an installer's own messages.
const TOKEN_SHAPES = /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g;

function isHostAt(text: string, index: number): boolean {
  const host = HOST.exec(text.slice(index));
  return host !== null && AFTER_HOST.test(text.slice(index + host[0].length));
}

/**
 * How many characters of userinfo `rest` (what follows `scheme://`, up to the next whitespace) starts with; 0 when it
 * has none. Normally the userinfo ends at the last `@` before the first `/`, `?` or `#`. When a password holds one of
 * those unescaped, the part before it is no host name; then the userinfo runs to the first later `@` that is followed
 * by a host name, so no piece of the password stays readable.
 */
export function userinfoLength(rest: string): number {
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const lastAt = authority.lastIndexOf('@');
  if (authority === '' || (lastAt < 0 && HOST_ALONE.test(authority))) return 0;
  if (lastAt >= 0 && HOST_ALONE.test(authority.slice(lastAt + 1))) return lastAt;
  for (let at = rest.indexOf('@', authority.length); at >= 0; at = rest.indexOf('@', at + 1)) {
    if (isHostAt(rest, at + 1)) return at;
  }
  return Math.max(lastAt, 0);
}

/** `git@host` names no secret and ssh needs it; every other userinfo is masked. */
function isPlainSshUser(userinfo: string): boolean {
  return /^git$/i.test(userinfo);
}

/** Masks the userinfo of every URL in `text`. */
function maskUrls(text: string): string {
  // Most strings of a report (names, paths, statuses) hold no URL at all.
  if (!text.includes('://')) return text;
  let out = '';
  let copied = 0;
  const token = /\S*/y;
  for (const match of text.matchAll(SCHEME)) {
    const start = (match.index ?? 0) + match[0].length;
    if (start < copied) continue;
    // The URL's rest up to the next whitespace, read in place: slicing the whole remainder for every URL made a long
    // installer log with many links cost time quadratic in its length.
    token.lastIndex = start;
    const rest = token.exec(text)?.[0] ?? '';
    const length = userinfoLength(rest);
    if (length === 0 || isPlainSshUser(rest.slice(0, length))) continue;
    out += `${text.slice(copied, start)}${MASK}`;
    copied = start + length;
  }
  return out + text.slice(copied);
}

/** One URI with its userinfo masked, safe to put in a message. */
export function maskUserinfo(uri: string): string {
  return maskUrls(uri);
}

/** The userinfo of a URI (`user:password` as written), or null. */
export function userinfoOf(uri: string): string | null {
  const scheme = /^(?:git\+)?[a-z][a-z0-9+.-]*:\/\//i.exec(uri);
  if (!scheme) return null;
  const rest = uri.slice(scheme[0].length);
  const length = userinfoLength(rest.split(/\s/)[0] ?? '');
  return length > 0 ? rest.slice(0, length) : null;
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A URI with its userinfo removed (a token, a password, even a plain user name). */
export function withoutUserinfo(uri: string): string {
  const userinfo = userinfoOf(uri);
  if (userinfo === null) return uri;
  const schemeEnd = uri.indexOf('://') + 3;
  return `${uri.slice(0, schemeEnd)}${uri.slice(schemeEnd + userinfo.length + 1)}`;
}

/** The base64 of `user:password` (percent-decoded) that HTTP Basic sends for a URL's userinfo. */
export function basicCredentials(userinfo: string): string {
  const colon = userinfo.indexOf(':');
  const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const password = colon >= 0 ? userinfo.slice(colon + 1) : '';
  return Buffer.from(`${percentDecoded(user)}:${percentDecoded(password)}`, 'utf8').toString('base64');
}

export class Redactor {
  private readonly secrets = new Set<string>();
  /** The secrets longest first, kept between calls: a report is thousands of strings. */
  private longestFirst: readonly string[] = [];

  /** Register a secret value; values shorter than 4 characters are ignored (too likely to mask ordinary text). */
  add(secret: string | undefined | null): void {
    if (!secret || secret.length < 4 || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    // Longest first, so a secret containing another is masked whole.
    this.longestFirst = [...this.secrets].sort((a, b) => b.length - a.length);
  }

  /** Registers the credentials written in a URI: as written, percent-decoded, the password alone, and Basic-encoded. */
  addUrlCredentials(uri: string): void {
    const userinfo = userinfoOf(uri);
    if (userinfo === null || isPlainSshUser(userinfo)) return;
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    const password = colon >= 0 ? userinfo.slice(colon + 1) : null;
    for (const raw of [userinfo, password]) {
      if (raw === null) continue;
      this.add(raw);
      this.add(percentDecoded(raw));
      this.add(encodeURIComponent(percentDecoded(raw)));
    }
    // A user name alone is usually a token; a user name next to a password is not secret and stays readable.
    if (password === null) this.add(user);
    this.add(basicCredentials(userinfo));
  }

  /** Registers the credentials of every URL among the strings of a JSON-like value (declarations, settings, env). */
  addCredentialsIn(value: unknown): void {
    forEachString(value, (text) => {
      for (const word of text.includes('://') ? text.split(/\s+/) : []) this.addUrlCredentials(word);
    });
  }

  redact(text: string): string {
    let out = maskUrls(text).replace(TOKEN_SHAPES, MASK);
    for (const secret of this.longestFirst) out = out.split(secret).join(MASK);
    return out;
  }

  /**
   * Redact every string inside a JSON-like value (reports), returning a copy. A report repeats most of its strings
   * (keys, statuses, directories), so each distinct string is masked once.
   */
  redactDeep<T>(value: T): T {
    const done = new Map<string, string>();
    return redactStrings(value, (text) => {
      let masked = done.get(text);
      if (masked === undefined) {
        masked = this.redact(text);
        done.set(text, masked);
      }
      return masked;
    }) as T;
  }
}

function forEachString(value: unknown, visit: (text: string) => void, depth = 0): void {
  if (depth > 64) return;
  if (typeof value === 'string') visit(value);
  else if (value instanceof Map) for (const item of value.values()) forEachString(item, visit, depth + 1);
  else if (Array.isArray(value)) for (const item of value) forEachString(item, visit, depth + 1);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) forEachString(item, visit, depth + 1);
}

/** Applies `redact` to every string (keys included) of a JSON-like value; masking inside JSON text could break it. */
function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactStrings(item, redact)]));
  }
  return value;
}
