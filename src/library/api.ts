/**
 * The library's entry points: one function per command with that command's option type, the generic
 * `runCommand(command, options)`, and the renderings of a report. Every failure is a typed error with a `code`:
 * `InputError` for bad input (exit 2 in the CLI), `RuntimeFailure` for the machine (exit 3) or a bug (`internal`).
 * A failed module is not an exception: the report says `ok: false` and why.
 */
import { isInputError, isRuntimeFailure, RuntimeFailure } from '../errors.js';
import type { CommandName } from '../options/option-table.js';
import { renderJobSummary as renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/report.js';
import { renderText as renderPlainText } from '../report/text.js';
import { Redactor } from '../secrets.js';
import type {
  CommandOptionsMap,
  DoctorOptions,
  InstallOptions,
  LockOptions,
  PruneOptions,
  ResolveOptions,
  VerifyOptions,
  WarmOptions,
} from './library-options.js';
import { checkCommand, runLibraryCommand as runWithPorts } from './library-run.js';

/** Anything else thrown below is a bug; it still reaches the caller as a typed error. */
function typed(error: unknown): Error {
  if (isInputError(error) || isRuntimeFailure(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  return new RuntimeFailure(
    'internal',
    `internal error: ${message}`,
    stack,
    'this is a bug in amplifier-modules; report it with this message',
  );
}

/**
 * Runs one command with the real files, processes and clock and returns its report:
 * `await runCommand('verify', { profiles: ['bundle.md'], python: '.venv/bin/python' })`.
 */
export async function runCommand<C extends CommandName>(command: C, options?: CommandOptionsMap[C]): Promise<Report> {
  try {
    return await runWithPorts(checkCommand(command), options ?? {});
  } catch (error) {
    throw typed(error);
  }
}

/** Every declared module through the layers: winning layer, source and expected path. No network, no Python. */
export function resolve(options: ResolveOptions = {}): Promise<Report> {
  return runCommand('resolve', options);
}

/** `resolve`, then pin git refs to commits and fetch every git source into the module cache. */
export function warm(options: WarmOptions = {}): Promise<Report> {
  return runCommand('warm', options);
}

/** `warm`, then one batched editable install of the modules that need it into `python`. */
export function install(options: InstallOptions = {}): Promise<Report> {
  return runCommand('install', options);
}

/** `install` (unless `install: false`), then the audit of every declared module's import target. */
export function verify(options: VerifyOptions = {}): Promise<Report> {
  return runCommand('verify', options);
}

/** The audit of every editable install of an environment and of Amplifier's install state; `fix` repairs. */
export function doctor(options: DoctorOptions = {}): Promise<Report> {
  return runCommand('doctor', options);
}

/** Removes module-cache directories nothing references (`dryRun`: only lists them). */
export function prune(options: PruneOptions = {}): Promise<Report> {
  return runCommand('prune', options);
}

/** Pins every git source and bundle include to a commit in the lock file. */
export function lock(options: LockOptions = {}): Promise<Report> {
  return runCommand('lock', options);
}

/** The report as the CLI prints it (no colour). */
export function renderText(report: Report): string {
  return renderPlainText(report);
}

/** The report as a GitHub job summary (Markdown). Credentials in URLs are masked, with `redactor` if you have one. */
export function renderJobSummary(report: Report, redactor: Redactor = new Redactor()): string {
  return renderMarkdown(report, redactor);
}
