/**
 * One installer run for the whole batch; when it fails, the projects the output blames are set aside with their
 * own causes and the rest is installed in one more run, until what remains installs. A cause that lies in the build
 * environment (a missing backend, `editables`, `wheel`) is given at once to every other project built the same way,
 * so it costs no run per project. When the output blames nobody, the batch is split in two. Each run sets aside at
 * least one project, so a batch with k bad projects costs at most k + 1 runs plus the splits.
 */
import { type InstallCause, isBuildEnvironmentCause } from './install-cause.js';
import { type BatchProject, blameOutput } from './installer-output.js';
import type { ProjectFacts } from './pyproject.js';
import { rootCause } from './root-cause.js';

export interface RunAttempt {
  readonly ok: boolean;
  /** The installer could not start at all. */
  readonly unstartable: boolean;
  readonly output: string;
}

export interface DirFailure {
  readonly cause: InstallCause;
  readonly excerpt: string;
  /** Set when this project was not built itself: the project whose build showed the shared cause. */
  readonly sameCauseAs: string | null;
}

export interface BatchContext {
  readonly run: (dirs: readonly string[]) => Promise<RunAttempt>;
  readonly facts: ReadonlyMap<string, ProjectFacts | null>;
  /** Normalised names of the distributions the environment holds (among those the projects mention). */
  readonly installed: ReadonlySet<string>;
}

function builtAlike(a: ProjectFacts | null | undefined, b: ProjectFacts | null | undefined): boolean {
  if (!a || !b) return false;
  return (
    a.backend === b.backend &&
    a.hatchDevModeDirs === b.hatchDevModeDirs &&
    a.buildRequires.length === b.buildRequires.length &&
    a.buildRequires.every((name, index) => name === b.buildRequires[index])
  );
}

/** Installs `dirs`; returns the failures by directory (every other directory installed). */
export async function installBatch(dirs: readonly string[], ctx: BatchContext): Promise<Map<string, DirFailure>> {
  const failed = new Map<string, DirFailure>();
  const projects = (list: readonly string[]): BatchProject[] =>
    list.map((dir) => ({ dir, facts: ctx.facts.get(dir) ?? null }));

  const install = async (batch: readonly string[]): Promise<void> => {
    let pending = [...batch];
    while (pending.length > 0) {
      const attempt = await ctx.run(pending);
      if (attempt.ok) return;
      if (attempt.unstartable) {
        for (const dir of pending) {
          failed.set(dir, {
            cause: { kind: 'installer-unstartable', message: attempt.output },
            excerpt: '',
            sameCauseAs: null,
          });
        }
        return;
      }
      const blame = blameOutput(attempt.output, projects(pending), ctx.installed);
      if (blame.kind === 'environment') {
        for (const dir of pending) failed.set(dir, { cause: blame.cause, excerpt: blame.excerpt, sameCauseAs: null });
        return;
      }
      const blamed = [...blame.blamed].filter(([dir]) => pending.includes(dir));
      if (blamed.length === 0) {
        const [only] = pending;
        if (pending.length === 1 && only !== undefined) {
          const found = rootCause(attempt.output, only);
          failed.set(only, {
            cause: { kind: 'installer-failed', summary: found.summary },
            excerpt: found.excerpt,
            sameCauseAs: null,
          });
          return;
        }
        const half = Math.ceil(pending.length / 2);
        await install(pending.slice(0, half));
        await install(pending.slice(half));
        return;
      }
      for (const [dir, { cause, excerpt }] of blamed) failed.set(dir, { cause, excerpt, sameCauseAs: null });
      for (const [dir, { cause, excerpt }] of blamed) {
        if (!isBuildEnvironmentCause(cause)) continue;
        for (const other of pending) {
          if (!failed.has(other) && builtAlike(ctx.facts.get(dir), ctx.facts.get(other))) {
            failed.set(other, { cause, excerpt, sameCauseAs: dir });
          }
        }
      }
      pending = pending.filter((dir) => !failed.has(dir));
    }
  };
  await install(dirs);
  return failed;
}
