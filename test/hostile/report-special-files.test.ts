/**
 * `--report` naming a special file: a device stays a device (renaming a temp file over /dev/null would replace it
 * for every program on the machine), a FIFO with a reader gets the report, a FIFO nobody reads fails at once.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from '../helpers/run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'am-report-special-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function resolveTo(report: string) {
  return spawnSync(process.execPath, [CLI, 'resolve', '-p', 'examples/profiles/demo.md', '--report', report], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: root },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('--report naming a special file', () => {
  it.skipIf(!isRoot)('a character device (a private copy of /dev/null) is written in place, never replaced', () => {
    const device = join(root, 'null');
    execFileSync('mknod', ['-m', '666', device, 'c', '1', '3']);
    const run = resolveTo(device);
    expect(run.status, run.stderr).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a FIFO with a reader receives the whole report', async () => {
    const fifo = join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const done = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    // The reader must have the FIFO open before the CLI writes, or the open would find nobody there.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const run = spawnSync(process.execPath, [CLI, 'resolve', '-p', 'examples/profiles/demo.md', '--report', fifo], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: root },
      encoding: 'utf8',
      timeout: 60_000,
    });
    await done;
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(received)).toMatchObject({ command: 'resolve', ok: true });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a FIFO nobody reads fails at once with exit 3 and says why, after printing the run', () => {
    const fifo = join(root, 'lonely');
    execFileSync('mkfifo', [fifo]);
    const run = resolveTo(fifo);
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('resolve: 4 ok, 0 failed');
    expect(run.stderr).toContain('nobody reads');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
