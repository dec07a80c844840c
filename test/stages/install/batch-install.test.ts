/**
 * The batch loop alone, with a scripted installer (its real twin is pip in install-modules and root-cause tests):
 * culprits are set aside and the rest installed in one more run; an output that names nobody splits the batch.
 */
import { describe, expect, it } from 'vitest';
import { installBatch, type RunAttempt } from '../../../src/stages/install/batch-install.js';
import { parsePyproject } from '../../../src/stages/install/pyproject.js';

const facts = new Map(
  ['a', 'b', 'c', 'd'].map((name) => [
    `/m/${name}`,
    parsePyproject(`[project]\nname = "mod-${name}"\nversion = "1"\n`),
  ]),
);

function scripted(bad: ReadonlySet<string>, namesCulprit: boolean) {
  const runs: string[][] = [];
  const run = async (dirs: readonly string[]): Promise<RunAttempt> => {
    runs.push([...dirs]);
    const culprit = dirs.find((dir) => bad.has(dir));
    if (culprit === undefined) return { ok: true, unstartable: false, output: '' };
    const output = namesCulprit
      ? `Obtaining file://${culprit}\n  error: subprocess-exited-with-error\n  ╰─> [1 lines of output]\n      RuntimeError: broken\n      [end of output]`
      : 'ERROR: the installer gave up';
    return { ok: false, unstartable: false, output };
  };
  return { runs, run };
}

describe('installBatch', () => {
  it('sets aside each culprit the output names and installs the rest: k bad projects cost k + 1 runs', async () => {
    const { runs, run } = scripted(new Set(['/m/b', '/m/d']), true);
    const failed = await installBatch([...facts.keys()], { run, facts, installed: new Set() });
    expect([...failed.keys()].sort()).toEqual(['/m/b', '/m/d']);
    expect(failed.get('/m/b')?.cause).toEqual({ kind: 'build-failed', summary: 'RuntimeError: broken' });
    expect(runs).toEqual([
      ['/m/a', '/m/b', '/m/c', '/m/d'],
      ['/m/a', '/m/c', '/m/d'],
      ['/m/a', '/m/c'],
    ]);
  });

  it('splits the batch when the output names no project, and ends with the culprit run alone', async () => {
    const { runs, run } = scripted(new Set(['/m/c']), false);
    const failed = await installBatch([...facts.keys()], { run, facts, installed: new Set() });
    expect([...failed.keys()]).toEqual(['/m/c']);
    expect(failed.get('/m/c')?.cause.kind).toBe('installer-failed');
    expect(runs.at(-2)).toEqual(['/m/c']);
    expect(runs.every((batch) => batch.length > 0)).toBe(true);
  });
});
