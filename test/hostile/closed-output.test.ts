/**
 * A reader that stops reading (`amplifier-modules resolve | head`, a closed terminal) must not turn the run into Node's
 * unhandled-'error' stack trace: output stops, the exit code is still the verdict's.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from '../helpers/run-cli.js';

interface ClosedRun {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the built CLI with its stdout pipe closed by the reader before the CLI writes anything. */
function runWithStdoutClosed(args: readonly string[]): Promise<ClosedRun> {
  return new Promise((done, failed) => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', failed);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('output to a reader that went away', () => {
  it('--help exits 0 without a stack trace', async () => {
    const run = await runWithStdoutClosed(['--help']);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(run.code).toBe(0);
  });

  it('resolve keeps its verdict as the exit code (0 ok, 2 bad input), text and JSON', async () => {
    const ok = await runWithStdoutClosed(['resolve', '-p', 'examples/profiles/demo.md']);
    expect(ok.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(ok.code).toBe(0);

    const json = await runWithStdoutClosed(['resolve', '-p', 'examples/profiles/demo.md', '--format', 'json']);
    expect(json.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
    expect(json.code).toBe(0);

    const bad = await runWithStdoutClosed(['resolve', '-p', 'examples/profiles/missing.md']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('missing.md');
    expect(bad.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js:\d+/);
  });
});
