/**
 * Runs git through the Exec port with the safe environment, and turns a failure into one readable line:
 * what was attempted, on which repository (credentials masked), and git's own last words.
 */
import type { ExecResult } from '../../ports.js';
import type { FetchContext } from './context.js';
import { gitEnvironment } from './git-environment.js';
import { urlForGit } from './url-credentials.js';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const STDERR_TAIL_LINES = 8;
const STDERR_TAIL_CHARS = 1200;

export interface GitRunOptions {
  readonly cwd?: string | undefined;
  /** The repository URL this command talks to. */
  readonly url?: string | undefined;
}

/**
 * Runs git. Every argument equal to `options.url` is replaced by that URL without its credentials, which go into a
 * header instead (url-credentials.ts); they are registered with the redactor first, so git's stderr is masked too.
 */
export function runGit(ctx: FetchContext, args: readonly string[], options: GitRunOptions = {}): Promise<ExecResult> {
  const forGit = options.url === undefined ? null : urlForGit(options.url);
  if (options.url !== undefined && forGit?.url !== options.url) ctx.redactor.addUrlCredentials(options.url);
  const env = gitEnvironment(ctx.env, {
    token: ctx.token,
    urlAuthorization: forGit?.authorization ? { url: forGit.url, header: forGit.authorization } : null,
  });
  const safeArgs = forGit ? args.map((arg) => (arg === options.url ? forGit.url : arg)) : args;
  return ctx.exec.run(ctx.git ?? 'git', safeArgs, {
    cwd: options.cwd,
    env,
    timeoutMs: ctx.gitTimeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}

export function gitSucceeded(result: ExecResult): boolean {
  return result.code === 0 && result.spawnError === null;
}

/** The last lines of git's stderr (progress noise removed), redacted. */
export function stderrTail(ctx: FetchContext, result: ExecResult): string {
  if (result.spawnError) return `could not start git (${result.spawnError})`;
  const lines = result.stderr
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(remote: )?(Counting|Compressing|Receiving|Resolving|Enumerating)/.test(line));
  let tail = lines.slice(-STDERR_TAIL_LINES).join(' | ');
  if (tail.length > STDERR_TAIL_CHARS) tail = `...${tail.slice(-STDERR_TAIL_CHARS)}`;
  if (tail === '') {
    tail = result.signal ? `killed by ${result.signal} (timeout?)` : `exit code ${String(result.code)}`;
  }
  return ctx.redactor.redact(tail);
}

/** `<what> <url>@<ref> failed: <git stderr tail>`, safe to print. */
export function describeGitFailure(
  ctx: FetchContext,
  what: string,
  location: { url: string; ref: string },
  result: ExecResult,
): string {
  const where = ctx.redactor.redact(`${location.url}@${location.ref}`);
  return `${what} ${where} failed: ${stderrTail(ctx, result)}`;
}
