import { promises as fsp } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { noCacheStore } from '../cache/cache-store.js';
import {
  EXIT_CODES,
  formatInputError,
  formatRuntimeFailure,
  InputError,
  isInputError,
  isRuntimeFailure,
} from '../errors.js';
import { defaultOptionValues } from '../options/option-table.js';
import { runPipeline } from '../pipeline.js';
import type { PipelineOptions } from '../pipeline-options.js';
import { exitOnSignals } from '../ports/exit-on-signals.js';
import { nodeExec } from '../ports/node-exec.js';
import { nodeFileSystem } from '../ports/node-fs.js';
import { createStreamLogger } from '../ports/stream-logger.js';
import type { Env } from '../ports.js';
import { paintFor } from '../report/colour.js';
import { renderText } from '../report/text.js';
import { Redactor } from '../secrets.js';
import { VERSION } from '../version.js';
import { helpText } from './help.js';
import { commandWord, failureDocument, internalErrorDocument, wantsJson } from './json-output.js';
import { type CliOptions, parseCommandLine } from './options.js';
import { checkReportTarget, writeReportFile } from './report-file.js';
import { streamWriter } from './stream-writer.js';

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Env;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout / stderr are terminals: status words are coloured only there (and never with NO_COLOR). */
  readonly terminal?: { readonly stdout: boolean; readonly stderr: boolean };
}

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

function absolute(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/**
 * `--python`: a path is made absolute; a bare name (`python3`) stays a name, so the environment stage looks it up on
 * PATH the way a shell would.
 */
export function interpreterOption(value: string | null, cwd: string): string | null {
  if (!value) return null;
  return value.includes('/') || value.includes('\\') ? absolute(cwd, value) : value;
}

/** Amplifier home: --home, else $AMPLIFIER_HOME, else ~/.amplifier (HOME from the passed environment first). */
function amplifierHome(options: CliOptions, io: CliIo): string {
  if (options.home) return absolute(io.cwd, options.home);
  const fromEnv = io.env.AMPLIFIER_HOME;
  if (fromEnv) return absolute(io.cwd, fromEnv);
  return join(io.env.HOME || homedir(), '.amplifier');
}

export function toPipelineOptions(options: CliOptions, io: CliIo): PipelineOptions {
  const workspace = absolute(io.cwd, options.workspace ?? '.');
  return {
    command: options.command,
    profiles: options.profiles.map((p) => absolute(io.cwd, p)),
    workspace,
    namespaces: options.namespaces.map((n) => ({ name: n.name, dir: absolute(io.cwd, n.dir) })),
    strict: options.strict,
    home: amplifierHome(options, io),
    python: interpreterOption(options.python, io.cwd),
    installer: options.installer,
    installerArgs: options.installerArgs,
    install: options.install,
    reinstall: options.reinstall,
    fix: options.fix,
    dryRun: options.dryRun,
    retentionDays: options.retentionDays,
    purge: options.purge,
    pruneIncludes: options.pruneIncludes,
    offline: options.offline,
    importCheck: options.importCheck,
    session: options.session,
    token: null,
    locked: options.locked,
    frozen: options.frozen,
    lockFile: options.lockFile ? absolute(io.cwd, options.lockFile) : null,
    update: options.update,
    moduleIds: options.moduleIds,
    cacheKeyPrefix: defaultOptionValues().cacheKeyPrefix,
    // The CLI has no CI cache service; the action passes its own store and turns this on.
    cache: false,
  };
}

/** A directory named on the command line that does not exist is a typo, not a skipped include. */
async function checkNamespaceDirs(namespaces: PipelineOptions['namespaces']): Promise<void> {
  for (const { name, dir } of namespaces) {
    const stat = await fsp.stat(dir).catch(() => null);
    if (!stat?.isDirectory()) {
      throw new InputError('usage', `--namespace ${name}=${dir}: no such directory`, {
        fix: `point --namespace ${name}= at the directory holding that bundle or collection`,
      });
    }
  }
}

export async function runCli(io: CliIo): Promise<ExitCode> {
  const redactor = new Redactor();
  // An environment override may carry a credential in a URL: masked before anything is printed.
  redactor.addCredentialsIn(io.env);
  // Read before parsing, so a usage error in the command line itself is still answered in JSON.
  const json = wantsJson(io.argv);
  const command = commandWord(io.argv);
  const printJson = (value: unknown): void => io.stdout(`${JSON.stringify(redactor.redactDeep(value), null, 2)}\n`);
  try {
    const parsed = parseCommandLine(io.argv);
    if (parsed.kind === 'version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (parsed.kind === 'help') {
      io.stdout(helpText(parsed.command));
      return 0;
    }
    const cli = parsed.options;
    const logsToStderr = cli.format === 'json';
    const logger = createStreamLogger({
      write: logsToStderr ? io.stderr : io.stdout,
      redactor,
      verbose: cli.verbose,
      paint: paintFor(io.env, (logsToStderr ? io.terminal?.stderr : io.terminal?.stdout) ?? false),
    });
    const options = toPipelineOptions(cli, io);
    const reportPath = cli.report ? absolute(io.cwd, cli.report) : null;
    if (reportPath) await checkReportTarget(reportPath);
    await checkNamespaceDirs(options.namespaces);
    const { report } = await runPipeline(options, {
      fs: nodeFileSystem,
      exec: nodeExec,
      env: io.env,
      logger,
      clock: { now: () => Date.now() },
      redactor,
      cacheStore: noCacheStore,
      platform: { os: process.platform, arch: process.arch },
    });
    const safe = redactor.redactDeep(report);
    // The run's own output first: a report file that cannot be written must not hide what the run found.
    if (cli.format === 'json') printJson(safe);
    else io.stdout(renderText(safe, paintFor(io.env, io.terminal?.stdout ?? false)));
    if (reportPath) await writeReportFile(reportPath, `${JSON.stringify(safe, null, 2)}\n`);
    return report.ok ? EXIT_CODES.ok : EXIT_CODES.moduleFailed;
  } catch (error) {
    if (isRuntimeFailure(error) && error.code !== 'internal') {
      io.stderr(`${redactor.redact(formatRuntimeFailure(error))}\n`);
      if (json) printJson(failureDocument(error, command));
      return EXIT_CODES.runtimeFailure;
    }
    if (isInputError(error)) {
      io.stderr(`${redactor.redact(formatInputError(error))}\n`);
      if (json) printJson(failureDocument(error, command));
      return EXIT_CODES.badInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `${redactor.redact(`internal error: ${message}`)}\n  this is a bug in amplifier-modules; rerun with AMPLIFIER_MODULES_DEBUG=1 and report the output\n`,
    );
    if (io.env.AMPLIFIER_MODULES_DEBUG && error instanceof Error && error.stack)
      io.stderr(`${redactor.redact(error.stack)}\n`);
    if (json) printJson(internalErrorDocument(message, command));
    return EXIT_CODES.internalError;
  }
}

export async function main(): Promise<void> {
  const stdout = streamWriter(process.stdout);
  const stderr = streamWriter(process.stderr);
  exitOnSignals(stderr);
  const code = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout,
    stderr,
    terminal: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
  });
  process.exitCode = code;
}
