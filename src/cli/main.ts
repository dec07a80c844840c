import { noCacheStore } from '../ci-cache/cache-store.js';
import { EXIT_CODES, formatInputError, formatRuntimeFailure, isInputError, isRuntimeFailure } from '../errors.js';
import { checkNamespaceDirs } from '../namespace-dirs.js';
import { absolutePath, toPipelineOptions } from '../normalise-options.js';
import { defaultOptionValues } from '../options/option-table.js';
import { runPipeline } from '../pipeline.js';
import type { PipelineOptions } from '../pipeline-options.js';
import { exitOnSignals } from '../ports/exit-on-signals.js';
import { nodeExec } from '../ports/node-exec.js';
import { nodeFileSystem } from '../ports/node-fs.js';
import { createStreamLogger } from '../ports/stream-logger.js';
import type { Env } from '../ports.js';
import { printable, printableDeep, terminalSafeJson, withoutWorkflowCommands } from '../printable.js';
import { paintFor } from '../report/colour.js';
import { renderText } from '../report/text.js';
import { Redactor } from '../secrets.js';
import { VERSION } from '../version.js';
import { completionScript } from './completion.js';
import { displayPath } from './display-path.js';
import { helpText, usageLine } from './help.js';
import { commandWord, failureDocument, internalErrorDocument, wantsJson } from './json-output.js';
import { type CliOptions, parseCommandLine } from './parse-command-line.js';
import { checkReportTarget, writeReportFile } from './report-to-file.js';
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

/** The command line's options for a run: relative paths are taken from the working directory. */
export function cliPipelineOptions(options: CliOptions, io: CliIo): PipelineOptions {
  const values = { ...defaultOptionValues(), ...options };
  return toPipelineOptions(options.command, values, { base: io.cwd, env: io.env, moduleIds: options.moduleIds });
}

const NAMESPACE_WORDING = {
  label: (name: string, dir: string) => `--namespace ${name}=${dir}`,
  fix: (name: string) => `point --namespace ${name}= at the directory holding that bundle or collection`,
};

export async function runCli(io: CliIo): Promise<ExitCode> {
  const redactor = new Redactor();
  // An environment override may carry a credential in a URL: masked before anything is printed.
  redactor.addCredentialsIn(io.env);
  // Read before parsing, so a usage error in the command line itself is still answered in JSON.
  const json = wantsJson(io.argv);
  const command = commandWord(io.argv);
  const printJson = (value: unknown): void =>
    io.stdout(`${terminalSafeJson(JSON.stringify(redactor.redactDeep(value), null, 2))}\n`);
  // Messages name files and carry git's and pip's words: their control characters are shown, never acted on, and
  // no line of them is a workflow command when a CI step runs the CLI.
  const printError = (text: string): void =>
    io.stderr(`${withoutWorkflowCommands(printable(redactor.redact(text), true))}\n`);
  const startedAt = performance.now();
  // A mistake in the command line itself is answered with the command's usage, as a parser's message would be.
  let parsing = true;
  try {
    const parsed = parseCommandLine(io.argv);
    parsing = false;
    if (parsed.kind === 'completion') {
      io.stdout(completionScript(parsed.shell));
      return 0;
    }
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
      quiet: cli.quiet,
      paint: paintFor(io.env, (logsToStderr ? io.terminal?.stderr : io.terminal?.stdout) ?? false, cli.color),
    });
    const options = cliPipelineOptions(cli, io);
    const reportPath = cli.report ? absolutePath(cli.report, io.cwd, io.env) : null;
    if (reportPath) await checkReportTarget(reportPath);
    await checkNamespaceDirs(nodeFileSystem, options.namespaces, NAMESPACE_WORDING);
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
    else {
      const paint = paintFor(io.env, io.terminal?.stdout ?? false, cli.color);
      const view = {
        elapsedMs: performance.now() - startedAt,
        quiet: cli.quiet,
        showPath: displayPath(io.cwd, io.env.HOME),
      };
      io.stdout(withoutWorkflowCommands(renderText(printableDeep(safe), paint, view)));
    }
    if (reportPath) await writeReportFile(reportPath, `${JSON.stringify(safe, null, 2)}\n`);
    return report.ok ? EXIT_CODES.ok : EXIT_CODES.moduleFailed;
  } catch (error) {
    if (isRuntimeFailure(error) && error.code !== 'internal') {
      printError(formatRuntimeFailure(error));
      if (json) printJson(failureDocument(error, command));
      return EXIT_CODES.runtimeFailure;
    }
    if (isInputError(error)) {
      const usage = parsing ? `\n  ${usageLine(command)}` : '';
      printError(`${formatInputError(error)}${usage}`);
      if (json) printJson(failureDocument(error, command));
      return EXIT_CODES.badInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    printError(
      `internal error: ${message}\n  this is a bug in amplifier-modules; rerun with AMPLIFIER_MODULES_DEBUG=1 and report the output`,
    );
    if (io.env.AMPLIFIER_MODULES_DEBUG && error instanceof Error && error.stack) printError(error.stack);
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
