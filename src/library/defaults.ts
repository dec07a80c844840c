/**
 * The library's front door: the real Node ports and the option table's defaults in one call each, so running a
 * command from code is a few lines (see README, "Library API"). Like the CLI's main, this is a front end: it is the
 * one place the library reads `process.env` and `process.cwd()`, and only when the caller does not pass them.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { noCacheStore } from '../cache/cache-store.js';
import { InputError } from '../errors.js';
import { type CommandName, defaultOptionValues, OPTION_KEYS, optionSpec } from '../options/option-table.js';
import { runPipeline } from '../pipeline.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { nodeExec } from '../ports/node-exec.js';
import { nodeFileSystem } from '../ports/node-fs.js';
import { silentLogger } from '../ports/stream-logger.js';
import type { Env } from '../ports.js';
import type { Report } from '../report/report.js';
import { Redactor } from '../secrets.js';

/** What a caller may give; everything else takes the option table's default. Relative paths are taken from `cwd`. */
export type CommandOptions = Partial<Omit<PipelineOptions, 'command'>> & {
  /** Base of relative paths and the default workspace (default: process.cwd()). */
  readonly cwd?: string;
  /** The environment for $AMPLIFIER_HOME, $VIRTUAL_ENV and the child processes (default: process.env). */
  readonly env?: Env;
};

/** The real ports: files, processes, the clock and a redactor; silent unless a logger is given. */
export function nodePorts(overrides: Partial<PipelinePorts> = {}): PipelinePorts {
  return {
    fs: nodeFileSystem,
    exec: nodeExec,
    env: process.env,
    logger: silentLogger,
    clock: { now: () => Date.now() },
    redactor: new Redactor(),
    cacheStore: noCacheStore,
    platform: { os: process.platform, arch: process.arch },
    ...overrides,
  };
}

/** An option given to a command it means nothing to is refused, as the CLI refuses the flag. */
function refuseForeignOptions(command: CommandName, given: CommandOptions): void {
  for (const key of OPTION_KEYS) {
    const spec = optionSpec(key);
    if (!(key in given) || spec.commands.includes(command)) continue;
    throw new InputError('usage', `option '${key}' does not apply to ${command}`, {
      fix: `drop '${key}'; it applies to: ${spec.commands.join(', ')}`,
    });
  }
}

/** Complete options for one command: the table's defaults, the caller's values, paths made absolute. */
export function pipelineOptions(command: CommandName, given: CommandOptions = {}): PipelineOptions {
  refuseForeignOptions(command, given);
  const cwd = given.cwd ?? process.cwd();
  const env = given.env ?? process.env;
  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(cwd, path));
  const defaults = defaultOptionValues();
  const home = given.home ?? env.AMPLIFIER_HOME ?? join(env.HOME || homedir(), '.amplifier');
  return {
    command,
    profiles: (given.profiles ?? defaults.profiles).map(absolute),
    workspace: absolute(given.workspace ?? cwd),
    namespaces: (given.namespaces ?? defaults.namespaces).map((n) => ({ name: n.name, dir: absolute(n.dir) })),
    strict: given.strict ?? defaults.strict,
    home: absolute(home),
    python: given.python ?? defaults.python,
    installer: given.installer ?? defaults.installer,
    installerArgs: given.installerArgs ?? defaults.installerArgs,
    install: given.install ?? defaults.install,
    fix: given.fix ?? defaults.fix,
    dryRun: given.dryRun ?? defaults.dryRun,
    retentionDays: given.retentionDays ?? defaults.retentionDays,
    purge: given.purge ?? defaults.purge,
    pruneIncludes: given.pruneIncludes ?? defaults.pruneIncludes,
    offline: given.offline ?? defaults.offline,
    importCheck: given.importCheck ?? defaults.importCheck,
    session: given.session ?? defaults.session,
    token: given.token ?? null,
    locked: given.locked ?? defaults.locked,
    frozen: given.frozen ?? defaults.frozen,
    lockFile: given.lockFile ? absolute(given.lockFile) : null,
    update: given.update ?? defaults.update,
    moduleIds: given.moduleIds ?? [],
    cacheKeyPrefix: given.cacheKeyPrefix ?? defaults.cacheKeyPrefix,
    // Outside the action there is no CI cache service unless the caller brings a store.
    cache: given.cache ?? false,
  };
}

/**
 * Runs one command with the real ports and returns its report: `await runCommand('verify', { profiles: ['p.md'] })`.
 * Bad input throws InputError (its `code`, `file`, `line` and `fix` say what to change).
 */
export async function runCommand(
  command: CommandName,
  given: CommandOptions = {},
  ports: Partial<PipelinePorts> = {},
): Promise<Report> {
  const options = pipelineOptions(command, given);
  const { report } = await runPipeline(options, nodePorts({ env: given.env ?? process.env, ...ports }));
  return report;
}
