/**
 * Credentials never reach a log, a report, an error or a summary. Everything that prints goes
 * through a Redactor: it masks userinfo in URLs and every secret registered with it.
 */

const MASK = '***';
// scheme://user[:password]@host  ->  scheme://***@host
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^/@\s'"]+)@/gi;
// Well-known token shapes that may turn up in git's or an installer's own messages.
const TOKEN_SHAPES = /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Register a secret value; values shorter than 4 characters are ignored (too likely to mask ordinary text). */
  add(secret: string | undefined | null): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text.replace(URL_USERINFO, (_all, scheme: string, userinfo: string) =>
      // `git@host` carries no secret; keep it readable. Anything with a password or a token-looking user is masked.
      /^git$/i.test(userinfo) ? `${scheme}${userinfo}@` : `${scheme}${MASK}@`,
    );
    out = out.replace(TOKEN_SHAPES, MASK);
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** Redact every string inside a JSON-like value (reports), returning a copy. */
  redactDeep<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}
