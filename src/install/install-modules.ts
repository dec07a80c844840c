/**
 * The install step: ONE installer call for every Python module (pip and uv both resolve a batch faster than
 * one call per module). A failed batch installs nothing, so the failing project is found from the output (or by
 * bisecting) and the rest is installed again: one broken module never hides the state of the others. When the
 * cause lies outside the failing project (its build backend or a build requirement is missing), every other project
 * built the same way is failed with it at once instead of costing one more installer run each.
 */
import type { Wording } from '../options/option-wording.js';
import type { Env, Exec, FileSystem, Logger } from '../ports.js';
import { type BuildProfile, readBuildProfile, sharesCause } from './build-profile.js';
import { blameDirs } from './failure-attribution.js';
import { buildInstallCommand, type CommandLine, formatCommandLine, type InstallerName } from './install-command.js';
import { type InstallerChoice, selectInstaller } from './installer-choice.js';
import { DEFAULT_HEARTBEAT_MS, watchInstaller } from './installer-progress.js';
import { isPythonProject, NON_PYTHON_TRANSPORTS, readModuleTransport } from './module-transport.js';
import { type RootCause, rootCause } from './root-cause.js';

export interface InstallRequest {
  readonly id: string;
  readonly path: string;
}

export interface SkippedModule extends InstallRequest {
  readonly reason: string;
}

export interface FailedInstall extends InstallRequest {
  /** The root cause in one line, then the few lines of output around it; or why the installer was not tried. */
  readonly message: string;
  /** The root cause alone, one line (equal for every project it hit). */
  readonly cause: string;
  /** The command that reproduces the failure for this project alone (null when the installer was not tried). */
  readonly reproduce: CommandLine | null;
  /** Set when this project was not built itself: the project that failed with the same cause outside its code. */
  readonly sameCauseAs: string | null;
}

export interface InstallOutcome {
  readonly installer: InstallerName;
  /** Every installer call made, in order (the first is the whole batch). */
  readonly commands: readonly CommandLine[];
  readonly installed: readonly InstallRequest[];
  readonly skipped: readonly SkippedModule[];
  readonly failed: readonly FailedInstall[];
}

export interface InstallContext {
  readonly python: string;
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

interface Attempt {
  readonly ok: boolean;
  /** The installer could not start at all: retrying parts of the batch cannot help. */
  readonly unstartable: boolean;
  readonly output: string;
}

interface DirFailure {
  readonly cause: RootCause;
  readonly sameCauseAs: string | null;
}

function failureMessage(failure: DirFailure, dir: string): string {
  const { summary, excerpt } = failure.cause;
  const head = failure.sameCauseAs
    ? `${summary} (not built separately: ${dir} is built like ${failure.sameCauseAs}, which failed with this cause outside its own code)`
    : summary;
  return excerpt && excerpt !== summary ? `${head}\n${excerpt}` : head;
}

export async function installModules(
  requests: readonly InstallRequest[],
  ctx: InstallContext,
): Promise<InstallOutcome> {
  const selected = await selectInstaller(ctx.installer, ctx.env, ctx.fs, ctx.platform, ctx.wording);
  const skipped: SkippedModule[] = [];
  const failed: FailedInstall[] = [];
  const idsByDir = new Map<string, InstallRequest[]>();
  for (const request of requests) {
    const transport = await readModuleTransport(ctx.fs, request.path);
    if (transport !== null && NON_PYTHON_TRANSPORTS.includes(transport)) {
      skipped.push({ ...request, reason: `amplifier.toml declares transport = "${transport}": not a Python package` });
      continue;
    }
    if (!(await ctx.fs.stat(request.path))?.isDirectory) {
      failed.push({
        ...request,
        message: `${request.path} does not exist`,
        cause: `${request.path} does not exist`,
        reproduce: null,
        sameCauseAs: null,
      });
      continue;
    }
    if (!(await isPythonProject(ctx.fs, request.path))) {
      failed.push({
        ...request,
        message: `${request.path} has no pyproject.toml, setup.py or setup.cfg`,
        cause: 'no pyproject.toml, setup.py or setup.cfg',
        reproduce: null,
        sameCauseAs: null,
      });
      continue;
    }
    idsByDir.set(request.path, [...(idsByDir.get(request.path) ?? []), request]);
  }
  const commands: CommandLine[] = [];
  const env: Env = { ...ctx.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
  const commandFor = (dirs: readonly string[]): CommandLine =>
    buildInstallCommand({
      installer: selected.installer,
      uv: selected.uv ?? undefined,
      python: ctx.python,
      dirs,
      extraArgs: ctx.extraArgs,
    });
  const attempt = async (dirs: readonly string[]): Promise<Attempt> => {
    const line = commandFor(dirs);
    commands.push(line);
    ctx.logger.info(`installing ${dirs.length} module(s): ${formatCommandLine(line)}`);
    const watch = watchInstaller(ctx.logger, ctx.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    const result = await ctx.exec
      .run(line.command, line.args, { env, timeoutMs: ctx.timeoutMs ?? 900_000, onOutput: watch.onOutput })
      .finally(watch.stop);
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.spawnError) {
      return { ok: false, unstartable: true, output: `cannot run ${line.command}: ${result.spawnError}` };
    }
    return { ok: result.code === 0, unstartable: false, output };
  };
  const profiles = new Map<string, BuildProfile | null>();
  for (const dir of idsByDir.keys()) profiles.set(dir, await readBuildProfile(ctx.fs, dir));
  const failedDirs = new Map<string, DirFailure>();
  /** The dirs of `rest` that fail for the cause `dir` met outside its own code; they need no run of their own. */
  const sharingCause = (cause: RootCause, dir: string, rest: readonly string[]): string[] => {
    const failedProfile = profiles.get(dir);
    const shared = cause.shared;
    if (!shared || !failedProfile) return [];
    return rest.filter((other) => {
      const profile = profiles.get(other);
      return profile ? sharesCause(shared, failedProfile, profile) : false;
    });
  };
  // Installs `dirs`; on failure blames what the output names and retries the rest, else splits the batch in two.
  const install = async (dirs: readonly string[]): Promise<void> => {
    if (dirs.length === 0) return;
    const result = await attempt(dirs);
    if (result.ok) return;
    if (result.unstartable) {
      const cause = { summary: result.output, excerpt: '', shared: null };
      for (const dir of dirs) failedDirs.set(dir, { cause, sameCauseAs: null });
      return;
    }
    const blamed = dirs.length === 1 ? [...dirs] : blameDirs(result.output, dirs);
    if (blamed.length > 0 && (blamed.length < dirs.length || dirs.length === 1)) {
      const first = blamed[0] ?? '';
      const cause = rootCause(result.output, first);
      for (const dir of blamed) failedDirs.set(dir, { cause, sameCauseAs: null });
      const rest = dirs.filter((d) => !blamed.includes(d));
      const sharing = sharingCause(cause, first, rest);
      for (const dir of sharing) failedDirs.set(dir, { cause, sameCauseAs: first });
      if (blamed.length < dirs.length) await install(rest.filter((d) => !sharing.includes(d)));
      return;
    }
    const half = Math.ceil(dirs.length / 2);
    await install(dirs.slice(0, half));
    await install(dirs.slice(half));
  };
  await install([...idsByDir.keys()]);
  const installed: InstallRequest[] = [];
  for (const [dir, owners] of idsByDir) {
    const failure = failedDirs.get(dir);
    if (failure === undefined) installed.push(...owners);
    else {
      const message = failureMessage(failure, dir);
      const reproduce = commandFor([dir]);
      const { sameCauseAs } = failure;
      failed.push(
        ...owners.map((owner) => ({ ...owner, message, cause: failure.cause.summary, reproduce, sameCauseAs })),
      );
    }
  }
  for (const skip of skipped) ctx.logger.info(`skipped ${skip.id}: ${skip.reason}`);
  logFailures(failed, ctx.logger);
  return { installer: selected.installer, commands, installed, skipped, failed };
}

/** One error per distinct cause, naming every directory it hit (a shared cause is not repeated per module). */
function logFailures(failed: readonly FailedInstall[], logger: Logger): void {
  const byCause = new Map<string, Set<string>>();
  for (const failure of failed) {
    byCause.set(failure.cause, (byCause.get(failure.cause) ?? new Set()).add(failure.path));
  }
  for (const [cause, dirs] of byCause) {
    const where = dirs.size === 1 ? [...dirs][0] : `${dirs.size} directories: ${[...dirs].join(', ')}`;
    logger.error(`install failed (${where}): ${cause}`);
  }
}
