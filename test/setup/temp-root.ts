/**
 * Every test run gets one temporary root, removed when the run ends: the tests make thousands of temporary
 * directories (homes, repositories, venvs), and a test that fails half way would otherwise leave its own behind.
 * Workers are forked after this runs, so they inherit TMPDIR and `os.tmpdir()` points inside the root.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'amplifier-modules-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
