/**
 * The runner's files for what a step hands on: outputs (`GITHUB_OUTPUT`), the post step's state (`GITHUB_STATE`) and
 * the job summary (`GITHUB_STEP_SUMMARY`). One that cannot be written (a full disk, a read-only or vanished file) is
 * the machine's fault, not a bug and not the modules': each write is tried on its own, so the others and the
 * annotations still happen, and what failed becomes one runtime failure naming every file and why.
 */
import { RuntimeFailure } from '../errors.js';
import type { Env } from '../ports.js';

export type StepFileVariable = 'GITHUB_OUTPUT' | 'GITHUB_STATE' | 'GITHUB_STEP_SUMMARY';

export interface StepFileFailure {
  readonly variable: StepFileVariable;
  readonly path: string;
  readonly reason: string;
}

/** Runs `write`; a throw becomes the failure of the file `variable` names (null when it worked). */
export async function tryStepFile(
  variable: StepFileVariable,
  env: Env,
  write: () => unknown,
): Promise<StepFileFailure | null> {
  try {
    await write();
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { variable, path: env[variable] ?? '', reason };
  }
}

/** One runtime failure for every step file that could not be written; null when there was none. */
export function stepFilesFailure(failures: readonly (StepFileFailure | null)[]): RuntimeFailure | null {
  const failed = failures.filter((failure): failure is StepFileFailure => failure !== null);
  if (failed.length === 0) return null;
  const names = [...new Set(failed.map((failure) => failure.variable))].join(', ');
  const detail = failed.map((failure) => `${failure.variable} (${failure.path || 'unset'}): ${failure.reason}`);
  return new RuntimeFailure(
    'output-unwritable',
    `the runner's step file${failed.length === 1 ? '' : 's'} ${names} could not be written; the run's results are in the log and annotations above`,
    detail.join('\n'),
    'check the runner: free disk space, and that nothing earlier in the job removed or locked these files',
  );
}
