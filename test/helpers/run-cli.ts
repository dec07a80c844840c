/**
 * Runs the BUILT CLI (dist/cli/index.js) as a user would: a real node process, real files, exit code and output.
 * Every JSON document it writes is checked against the shipped schema on the way.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertDistFresh } from './dist-freshness.js';
import { checkCliOutputs } from './report-schema.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
assertDistFresh(REPO_ROOT, [CLI]);

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runBuiltCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): CliRun {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env };
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>,
    encoding: 'utf8',
    timeout: 120_000,
  });
  checkCliOutputs(args, result.stdout, (path) => resolve(options.cwd ?? REPO_ROOT, path), result.status);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
