/**
 * The command a user can paste to repeat a git step that failed here, with what made it behave as it did: the
 * protocol allow-list, no prompts, the credential and hook settings, and the token header (built from
 * `$GITHUB_TOKEN` in the user's shell, never printed). A bare `git ls-remote` can succeed where the tool's call
 * failed (a mirror under the allow-list, a password prompt the tool never answers), and would hide the cause.
 */

import { maskUserinfo } from '../../secrets.js';
import { shellQuote } from '../../shell-words.js';
import type { FetchContext } from './context.js';
import { allowedProtocols, SAFE_CONFIG } from './git-environment.js';
import { LS_REMOTE_COMMAND } from './ls-remote.js';

/** The safety settings that change what a network command does (the rest only affect local bookkeeping). */
const NETWORK_CONFIG_KEYS: readonly string[] = ['credential.interactive', 'core.hooksPath'];

type ReproduceContext = Pick<FetchContext, 'env' | 'token' | 'git' | 'redactor'>;

/** Environment, git and its `-c` settings; `before` goes right after the program name (e.g. `-C dir`). */
function gitPrefix(ctx: ReproduceContext, before: readonly string[] = []): string {
  const env = [`GIT_ALLOW_PROTOCOL=${shellQuote(allowedProtocols(ctx.env))}`, 'GIT_TERMINAL_PROMPT=0'];
  const config = SAFE_CONFIG.filter(([key]) => NETWORK_CONFIG_KEYS.includes(key)).map(
    ([key, value]) => `-c ${shellQuote(`${key}=${value}`)}`,
  );
  if (ctx.token) {
    const key = `http.https://${ctx.token.host}/.extraheader`;
    config.push(`-c "${key}=AUTHORIZATION: basic $(printf 'x-access-token:%s' "$GITHUB_TOKEN" | base64 -w0)"`);
  }
  return [...env, shellQuote(ctx.git ?? 'git'), ...before, ...config].join(' ');
}

function shownUrl(ctx: ReproduceContext, url: string): string {
  return shellQuote(ctx.redactor.redact(maskUserinfo(url)));
}

/** `git ls-remote` of the refs the pin asked for. */
export function reproduceLsRemote(ctx: ReproduceContext, url: string, patterns: readonly string[]): string {
  return `${gitPrefix(ctx)} ${LS_REMOTE_COMMAND.map(shellQuote).join(' ')} -- ${shownUrl(ctx, url)} ${patterns.map(shellQuote).join(' ')}`;
}

/** The shallow fetch of one commit (or ref) into a fresh repository, as the clone does it. */
export function reproduceFetch(ctx: ReproduceContext, url: string, what: string): string {
  const prefix = gitPrefix(ctx, ['-C', '"$d"']);
  return `d=$(mktemp -d) && ${shellQuote(ctx.git ?? 'git')} init -q "$d" && ${prefix} fetch --depth 1 --no-tags -- ${shownUrl(ctx, url)} ${shellQuote(what)}`;
}
