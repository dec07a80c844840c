/**
 * Network hiccups deserve another try; a missing repository, a bad ref or refused credentials do not
 * (retrying those only delays the error the user has to act on).
 */
import type { ExecResult } from '../../ports.js';
import type { RetryPolicy } from './context.js';

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1000 };

const TRANSIENT = [
  /could not resolve host/i,
  /connection (timed out|reset|refused)/i,
  /operation timed out/i,
  /failed to connect/i,
  /unable to connect/i,
  /early eof/i,
  /the remote end hung up unexpectedly/i,
  /rpc failed/i,
  /unexpected disconnect/i,
  /gnutls|openssl|ssl_read|tls/i,
  /the requested url returned error: (429|5\d\d)/i,
  /temporary failure/i,
  /network is unreachable/i,
  /index-pack failed/i,
];

const PERMANENT = [
  /repository not found/i,
  /does not appear to be a git repository/i,
  /authentication failed/i,
  /could not read (username|password)/i,
  /permission denied/i,
  /not our ref/i,
  /couldn't find remote ref/i,
  /the requested url returned error: (401|403|404)/i,
];

export function isTransientGitFailure(result: ExecResult): boolean {
  if (result.spawnError) return false;
  if (result.signal) return true;
  const text = result.stderr;
  if (PERMANENT.some((pattern) => pattern.test(text))) return false;
  return TRANSIENT.some((pattern) => pattern.test(text));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `attempt` until it succeeds, fails permanently, or the policy's tries are used up. */
export async function withRetries(
  policy: RetryPolicy,
  attempt: () => Promise<ExecResult>,
  succeeded: (result: ExecResult) => boolean,
  onRetry?: (result: ExecResult, nextTry: number, delayMs: number) => void,
): Promise<ExecResult> {
  let result = await attempt();
  for (let tryNumber = 2; tryNumber <= policy.attempts; tryNumber += 1) {
    if (succeeded(result) || !isTransientGitFailure(result)) return result;
    const delay = policy.baseDelayMs * 2 ** (tryNumber - 2);
    onRetry?.(result, tryNumber, delay);
    await sleep(delay);
    result = await attempt();
  }
  return result;
}
