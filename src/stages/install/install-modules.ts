/**
 * The install step: ONE installer call for the Python projects (pip and uv both resolve a batch faster than one
 * call per project), under Amplifier's own install rules. A failed batch installs nothing, so the projects the
 * output blames are set aside with their own causes and the rest installed again (batch-install.ts): one broken
 * module never fails another.
 */
import { join } from 'node:path';
import type { Wording } from '../../options/option-wording.js';
import type { Env, Exec, FileSystem, Logger } from '../../ports.js';
import type { PythonSession } from '../../python/python-session.js';
import { type GitPin, gitDependencyPins, namesToAsk, overridesText } from './amplifier-install-rules.js';
import { type DirFailure, installBatch, type RunAttempt } from './batch-install.js';
import { installedVersions, unmetRequirements } from './environment-distributions.js';
import type { InstallCause } from './install-cause.js';
import {
  buildInstallCommand,
  type CommandLine,
  foldedCommandLine,
  formatCommandLine,
  type InstallerName,
} from './install-command.js';
import { type InstallerChoice, selectInstaller } from './installer-choice.js';
import { DEFAULT_HEARTBEAT_MS, watchInstaller } from './installer-progress.js';
import { NON_PYTHON_TRANSPORTS, readModuleTransport } from './module-transport.js';
import { LEGACY_FACTS, normalizeName, type ProjectFacts, readProject } from './pyproject.js';

export interface InstallRequest {
  readonly id: string;
  readonly path: string;
}

export interface SkippedModule extends InstallRequest {
  readonly reason: string;
}

export interface FailedInstall extends InstallRequest {
  readonly cause: InstallCause;
  /** The few lines of the installer's output that show the cause ('' when there are none). */
  readonly excerpt: string;
  /** The command that reproduces the failure for this project alone (null when the installer was not tried). */
  readonly reproduce: CommandLine | null;
  /** Set when this project was not built itself: the project that failed with the same build-environment cause. */
  readonly sameCauseAs: string | null;
}

/** A project installed without its dependencies under Amplifier's git-dependency rule (pip). */
export interface InstalledWithoutDeps {
  readonly path: string;
  readonly pins: readonly GitPin[];
}

export interface InstallOutcome {
  readonly installer: InstallerName;
  /** Every installer call made, in order (the first is the whole batch). */
  readonly commands: readonly CommandLine[];
  readonly installed: readonly InstallRequest[];
  readonly skipped: readonly SkippedModule[];
  readonly failed: readonly FailedInstall[];
  readonly withoutDeps: readonly InstalledWithoutDeps[];
}

export interface InstallContext {
  /** The environment installed into; what it already holds and `pip check` are asked through it. */
  readonly session: PythonSession;
  readonly installer: InstallerChoice;
  /** `--installer-arg` values. */
  readonly extraArgs: readonly string[];
  /** The full environment the installer runs with (its own variables, e.g. UV_INDEX_URL, pass through). */
  readonly env: Env;
  readonly fs: FileSystem;
  readonly exec: Exec;
  readonly logger: Logger;
  readonly timeoutMs?: number | undefined;
  readonly platform?: NodeJS.Platform | undefined;
  /** How a fix names the installer option (`--installer pip` or `installer: pip`); default the CLI's. */
  readonly wording?: Wording | undefined;
  /** How often a running install says it is still running (default 15 s). */
  readonly heartbeatMs?: number | undefined;
}

interface Prepared {
  readonly skipped: SkippedModule[];
  readonly failed: FailedInstall[];
  readonly facts: Map<string, ProjectFacts | null>;
  readonly owners: Map<string, InstallRequest[]>;
}

/** Reads each directory: not Python (skipped), missing or unreadable (failed without running), or to install. */
async function prepare(requests: readonly InstallRequest[], fs: FileSystem): Promise<Prepared> {
  const prepared: Prepared = { skipped: [], failed: [], facts: new Map(), owners: new Map() };
  const fail = (request: InstallRequest, cause: InstallCause) =>
    prepared.failed.push({ ...request, cause, excerpt: '', reproduce: null, sameCauseAs: null });
  for (const request of requests) {
    const transport = await readModuleTransport(fs, request.path);
    if (transport !== null && NON_PYTHON_TRANSPORTS.includes(transport)) {
      prepared.skipped.push({
        ...request,
        reason: `amplifier.toml declares transport = "${transport}": not a Python package`,
      });
      continue;
    }
    if (!(await fs.stat(request.path))?.isDirectory) {
      fail(request, { kind: 'missing-directory' });
      continue;
    }
    const project = await readProject(fs, request.path);
    if (project.kind === 'none') fail(request, { kind: 'not-a-project' });
    else if (project.kind === 'invalid') fail(request, { kind: 'invalid-pyproject', message: project.message });
    else {
      prepared.facts.set(request.path, project.kind === 'pyproject' ? project.facts : LEGACY_FACTS);
      prepared.owners.set(request.path, [...(prepared.owners.get(request.path) ?? []), request]);
    }
  }
  return prepared;
}

export async function installModules(
  requests: readonly InstallRequest[],
  ctx: InstallContext,
): Promise<InstallOutcome> {
  const selected = await selectInstaller(ctx.installer, ctx.env, ctx.fs, ctx.platform, ctx.wording);
  const { skipped, failed, facts, owners } = await prepare(requests, ctx.fs);
  const commands: CommandLine[] = [];
  const env: Env = { ...ctx.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
  const versions =
    owners.size === 0 ? new Map<string, string>() : await installedVersions(ctx.session, namesToAsk(facts.values()));
  const pins = new Map([...owners.keys()].map((dir) => [dir, gitDependencyPins(facts.get(dir) ?? null, versions)]));
  const overrides = [...pins.values()].flat();
  const overridesDir =
    selected.installer === 'uv' && overrides.length > 0 ? await ctx.fs.mkdtemp('amplifier-modules-overrides-') : null;
  const overridesFile = overridesDir ? join(overridesDir, 'overrides.txt') : undefined;
  if (overridesFile) await ctx.fs.writeFile(overridesFile, overridesText(overrides));
  const commandFor = (dirs: readonly string[], noDeps: boolean): CommandLine =>
    buildInstallCommand({
      installer: selected.installer,
      uv: selected.uv ?? undefined,
      python: ctx.session.environment.python,
      dirs,
      extraArgs: ctx.extraArgs,
      noDeps,
      overridesFile,
    });
  const runner =
    (noDeps: boolean) =>
    async (dirs: readonly string[]): Promise<RunAttempt> => {
      const line = commandFor(dirs, noDeps);
      commands.push(line);
      ctx.logger.info(
        `installing ${dirs.length === 1 ? '1 module' : `${dirs.length} modules`}: ${foldedCommandLine(line)}`,
      );
      ctx.logger.debug(formatCommandLine(line));
      const watch = watchInstaller(ctx.logger, ctx.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
      const options = { env, timeoutMs: ctx.timeoutMs ?? 900_000, onOutput: watch.onOutput };
      // pip is the environment's own interpreter, started as every other question to it is; uv is a tool beside it,
      // run in the same working directory (a shim picks its Python from there).
      const started =
        selected.installer === 'pip'
          ? ctx.session.run(line.args, options)
          : ctx.exec.run(line.command, line.args, { ...options, cwd: ctx.session.workspace });
      const result = await started.finally(watch.stop);
      if (result.spawnError)
        return { ok: false, unstartable: true, output: `cannot run ${line.command}: ${result.spawnError}` };
      return { ok: result.code === 0, unstartable: false, output: `${result.stdout}\n${result.stderr}` };
    };
  const installed = new Set(versions.keys());
  // pip cannot pin a git dependency to what is installed: such projects go in a batch of their own, without deps.
  const withoutDepsDirs =
    selected.installer === 'pip' ? [...owners.keys()].filter((dir) => (pins.get(dir) ?? []).length > 0) : [];
  const plainDirs = [...owners.keys()].filter((dir) => !withoutDepsDirs.includes(dir));
  const failures = new Map<string, DirFailure & { noDeps: boolean }>();
  try {
    for (const [dirs, noDeps] of [
      [plainDirs, false],
      [withoutDepsDirs, true],
    ] as const) {
      if (dirs.length === 0) continue;
      const batchFailures = await installBatch(dirs, { run: runner(noDeps), facts, installed });
      for (const [dir, failure] of batchFailures) failures.set(dir, { ...failure, noDeps });
    }
  } finally {
    if (overridesDir) await ctx.fs.rm(overridesDir).catch(() => undefined);
  }
  const withoutDeps = await checkWithoutDeps(
    withoutDepsDirs.filter((dir) => !failures.has(dir)),
    ctx,
    facts,
    pins,
  );
  for (const [dir, problems] of withoutDeps.unmet) {
    failures.set(dir, {
      cause: { kind: 'requirements-unmet', problems },
      excerpt: '',
      sameCauseAs: null,
      noDeps: true,
    });
  }
  const done: InstallRequest[] = [];
  for (const [dir, projectOwners] of owners) {
    const failure = failures.get(dir);
    if (failure === undefined) {
      done.push(...projectOwners);
      continue;
    }
    const reproduce = commandFor([dir], failure.noDeps);
    failed.push(...projectOwners.map((owner) => ({ ...owner, ...failure, reproduce })));
  }
  for (const skip of skipped) ctx.logger.info(`skipped ${skip.id}: ${skip.reason}`);
  return { installer: selected.installer, commands, installed: done, skipped, failed, withoutDeps: withoutDeps.ok };
}

/** After a `--no-deps` install: whether each project's other requirements are met (`pip check`), said either way. */
async function checkWithoutDeps(
  dirs: readonly string[],
  ctx: InstallContext,
  facts: ReadonlyMap<string, ProjectFacts | null>,
  pins: ReadonlyMap<string, GitPin[]>,
): Promise<{ ok: InstalledWithoutDeps[]; unmet: Map<string, string[]> }> {
  const names = new Map(
    dirs.flatMap((dir) => (facts.get(dir)?.name ? [[dir, facts.get(dir)?.name ?? ''] as const] : [])),
  );
  const problems = await unmetRequirements(ctx.session, [...names.values()]);
  const ok: InstalledWithoutDeps[] = [];
  const unmet = new Map<string, string[]>();
  for (const dir of dirs) {
    const name = names.get(dir);
    const found = name ? problems.get(normalizeName(name)) : undefined;
    const pinned = (pins.get(dir) ?? []).map((pin) => `${pin.name} ${pin.version}`).join(', ');
    if (found && found.length > 0) {
      unmet.set(dir, found);
      continue;
    }
    ok.push({ path: dir, pins: pins.get(dir) ?? [] });
    ctx.logger.info(
      `installed ${name ?? dir} without its dependencies (Amplifier's rule: its git dependency is pinned to the installed ${pinned}); pip check finds its other requirements met`,
    );
  }
  return { ok, unmet };
}
