/**
 * The environment every git child gets: a protocol allow-list (the user's own when they set one), no prompts, English messages (so transient
 * failures can be recognised), no hooks or background maintenance from the user's config, and the optional
 * private-repository token as an HTTP header scoped to its host through `GIT_CONFIG_*` (never in a URL, never
 * on the command line where `ps` could show it).
 */
import type { Env } from '../../ports.js';
import type { Redactor } from '../../secrets.js';

/** A token for private repositories, sent only to `host` (as an HTTP header through git config, never in a URL). */
export interface HostToken {
  readonly host: string;
  readonly value: string;
}

/**
 * The transports git may use after the user's own `url.<base>.insteadOf` rewrites: what git itself treats as safe
 * (https, http, ssh, git) plus file, which company mirrors use. `ext::`, `fd::` and unknown remote helpers stay
 * out. What a declaration may name is checked separately, before git ever runs (source/git-uri.ts).
 */
const DEFAULT_ALLOWED_PROTOCOLS = 'https:http:ssh:git:file';

/** The allow-list git runs with: the user's `GIT_ALLOW_PROTOCOL` when they set one, never overwritten. */
export function allowedProtocols(env: Env): string {
  const own = env.GIT_ALLOW_PROTOCOL;
  return own !== undefined && own !== '' ? own : DEFAULT_ALLOWED_PROTOCOLS;
}

/** Settings that keep a user's global config from turning a fetch into something else. */
export const SAFE_CONFIG: readonly (readonly [string, string])[] = [
  ['core.hooksPath', '/dev/null'],
  ['advice.detachedHead', 'false'],
  ['init.defaultBranch', 'main'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['credential.interactive', 'false'],
  ['fetch.recurseSubmodules', 'false'],
];

/** The `Authorization` header value GitHub accepts for a token over HTTPS. */
export function tokenHeaderValue(token: string): string {
  return `basic ${Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')}`;
}

/** Makes sure neither the token nor its encoded header can be printed. */
export function registerToken(redactor: Redactor, token: HostToken | null | undefined): void {
  if (!token) return;
  redactor.add(token.value);
  redactor.add(Buffer.from(`x-access-token:${token.value}`, 'utf8').toString('base64'));
}

export interface GitEnvironmentOptions {
  readonly token?: HostToken | null | undefined;
  /** The credentials a source URL carried, sent as a header for that URL only (see url-credentials.ts). */
  readonly urlAuthorization?: { readonly url: string; readonly header: string } | null | undefined;
}

export function gitEnvironment(env: Env, options: GitEnvironmentOptions = {}): Env {
  const config: (readonly [string, string])[] = [...SAFE_CONFIG];
  if (options.token) {
    config.push([
      `http.https://${options.token.host}/.extraheader`,
      `AUTHORIZATION: ${tokenHeaderValue(options.token.value)}`,
    ]);
  }
  if (options.urlAuthorization) {
    config.push([
      `http.${options.urlAuthorization.url}.extraheader`,
      `Authorization: ${options.urlAuthorization.header}`,
    ]);
  }
  const out: Record<string, string | undefined> = { ...env };
  // Entries the caller already passes through GIT_CONFIG_* keep their slots; ours follow them.
  const existing = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
  const start = Number.isFinite(existing) && existing > 0 ? existing : 0;
  config.forEach(([key, value], index) => {
    out[`GIT_CONFIG_KEY_${start + index}`] = key;
    out[`GIT_CONFIG_VALUE_${start + index}`] = value;
  });
  out.GIT_CONFIG_COUNT = String(start + config.length);
  out.GIT_ALLOW_PROTOCOL = allowedProtocols(env);
  out.GIT_TERMINAL_PROMPT = '0';
  out.GCM_INTERACTIVE = 'never';
  out.LC_ALL = 'C';
  out.LANGUAGE = 'C';
  // Never let an inherited setting point git at another repository than the one we name.
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_NAMESPACE']) {
    delete out[name];
  }
  return out;
}
