/**
 * The install step: ONE installer call for every Python module (pip and uv both resolve a batch faster than
 * one call per module). A failed batch installs nothing, so the failing project is found from the output (or by
 * bisecting) and the rest is installed again: one broken module never hides the state of the others.
 */
import type { Env, Exec, FileSystem, Logger } from '../ports.js';
import { blameDirs, messageTail } from './failure-attribution.js';
import { buildInstallCommand, type CommandLine, formatCommandLine, type InstallerName } from './install-command.js';
import { type InstallerChoice, selectInstaller } from './installer-choice.js';
import { DEFAULT_HEARTBEAT_MS, watchInstaller } from './installer-progress.js';
import { isPythonProject, NON_PYTHON_TRANSPORTS, readModuleTransport } from './module-transport.js';

export interface InstallRequest {
  readonly id: string;
  readonly path: string;
}

export interface SkippedModule extends InstallRequest {
  readonly reason: string;
}

export interface FailedInstall extends InstallRequest {
  /** The installer's message (its output's tail), or why the installer was not even tried. */
  readonly message: string;
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
  /** How often a running install says it is still running (default 15 s). */
  readonly heartbeatMs?: number | undefined;
}

interface Attempt {
  readonly ok: boolean;
  /** The installer could not start at all: retrying parts of the batch cannot help. */
  readonly unstartable: boolean;
  readonly output: string;
  readonly tail: string;
}

export async function installModules(
  requests: readonly InstallRequest[],
  ctx: InstallContext,
): Promise<InstallOutcome> {
  const selected = await selectInstaller(ctx.installer, ctx.env, ctx.fs, ctx.platform);
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
      failed.push({ ...request, message: `${request.path} does not exist` });
      continue;
    }
    if (!(await isPythonProject(ctx.fs, request.path))) {
      failed.push({ ...request, message: `${request.path} has no pyproject.toml, setup.py or setup.cfg` });
      continue;
    }
    idsByDir.set(request.path, [...(idsByDir.get(request.path) ?? []), request]);
  }
  const commands: CommandLine[] = [];
  const env: Env = { ...ctx.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
  const attempt = async (dirs: readonly string[]): Promise<Attempt> => {
    const line = buildInstallCommand({
      installer: selected.installer,
      uv: selected.uv ?? undefined,
      python: ctx.python,
      dirs,
      extraArgs: ctx.extraArgs,
    });
    commands.push(line);
    ctx.logger.info(`installing ${dirs.length} module(s): ${formatCommandLine(line)}`);
    const watch = watchInstaller(ctx.logger, ctx.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    const result = await ctx.exec
      .run(line.command, line.args, { env, timeoutMs: ctx.timeoutMs ?? 900_000, onOutput: watch.onOutput })
      .finally(watch.stop);
    const output = `${result.stdout}\n${result.stderr}`;
    if (result.spawnError) {
      return { ok: false, unstartable: true, output, tail: `cannot run ${line.command}: ${result.spawnError}` };
    }
    return { ok: result.code === 0, unstartable: false, output, tail: messageTail(result.stdout, result.stderr) };
  };
  const failedDirs = new Map<string, string>();
  // Installs `dirs`; on failure blames what the output names and retries the rest, else splits the batch in two.
  const install = async (dirs: readonly string[]): Promise<void> => {
    if (dirs.length === 0) return;
    const result = await attempt(dirs);
    if (result.ok) return;
    if (dirs.length === 1 || result.unstartable) {
      for (const dir of dirs) failedDirs.set(dir, result.tail);
      return;
    }
    const blamed = blameDirs(result.output, dirs);
    if (blamed.length > 0 && blamed.length < dirs.length) {
      for (const dir of blamed) failedDirs.set(dir, result.tail);
      await install(dirs.filter((d) => !blamed.includes(d)));
      return;
    }
    const half = Math.ceil(dirs.length / 2);
    await install(dirs.slice(0, half));
    await install(dirs.slice(half));
  };
  await install([...idsByDir.keys()]);
  const installed: InstallRequest[] = [];
  for (const [dir, owners] of idsByDir) {
    const message = failedDirs.get(dir);
    if (message === undefined) installed.push(...owners);
    else failed.push(...owners.map((owner) => ({ ...owner, message })));
  }
  for (const skip of skipped) ctx.logger.info(`skipped ${skip.id}: ${skip.reason}`);
  for (const failure of failed)
    ctx.logger.error(`install of ${failure.id} (${failure.path}) failed:\n${failure.message}`);
  return { installer: selected.installer, commands, installed, skipped, failed };
}
