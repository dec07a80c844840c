/**
 * How a library call runs (the front door is `api.ts`, one function per command): the real Node ports, and the
 * caller's options through the one normaliser with the option table's defaults. Like the CLI's main, this is a front
 * end: it is the one place the library reads `process.env` and `process.cwd()`, and only when the caller does not
 * pass them.
 */
import { noCacheStore } from '../ci-cache/cache-store.js';
import { InputError } from '../errors.js';
import { checkNamespaceDirs } from '../namespace-dirs.js';
import { checkOptions, type FrontEndWording, toPipelineOptions } from '../normalise-options.js';
import { closestName } from '../options/closest-name.js';
import { COMMANDS, type CommandName, OPTION_KEYS } from '../options/option-table.js';
import { runPipeline } from '../pipeline.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';
import { nodeExec } from '../ports/node-exec.js';
import { nodeFileSystem } from '../ports/node-fs.js';
import { silentLogger } from '../ports/stream-logger.js';
import type { Report } from '../report/report.js';
import { Redactor } from '../secrets.js';
import { type LibraryOptionValues, NOT_IN_LIBRARY, type RunContext } from './library-options.js';

/** What a caller may give to any command (the per-command types narrow it: src/library/library-options.ts). */
export type CommandOptions = LibraryOptionValues & RunContext & { readonly moduleIds?: readonly string[] | undefined };

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

const LIBRARY_KEYS = OPTION_KEYS.filter((key) => !(NOT_IN_LIBRARY as readonly string[]).includes(key));

/** How the library words an option in the normaliser's messages: by its key. */
const LIBRARY_WORDING: FrontEndWording = {
  offered: LIBRARY_KEYS,
  label: (key) => `option '${key}'`,
  fixValue: (key, example) => `pass ${key}: ${example}`,
  fixDrop: (key) => `drop '${key}'`,
};

/** A command name from code that may not be one: refused with the closest command, never a TypeError further on. */
export function checkCommand(command: unknown): CommandName {
  if (typeof command === 'string' && (COMMANDS as readonly string[]).includes(command)) return command as CommandName;
  const suggestion = typeof command === 'string' ? closestName(command, COMMANDS) : null;
  throw new InputError('unknown-command', `unknown command ${JSON.stringify(command) ?? String(command)}`, {
    fix: suggestion
      ? `did you mean '${suggestion}'? use one of: ${COMMANDS.join(', ')}`
      : `use one of: ${COMMANDS.join(', ')}`,
    suggestion: suggestion ?? undefined,
  });
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The library's own forms -> the table's raw forms: `{ foundation: './f' }` -> `['foundation=./f']`, a token's value. */
function rawOptions(given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { cwd: _cwd, env: _env, moduleIds: _ids, ...rest } = given;
  const raw: Record<string, unknown> = { ...rest };
  if (isRecord(rest.namespaces))
    raw.namespaces = Object.entries(rest.namespaces).map(([n, dir]) => `${n}=${String(dir)}`);
  if (isRecord(rest.token)) raw.token = rest.token.value;
  // A count is a number in JavaScript; the table checks the text a flag would carry.
  if (typeof rest.retentionDays === 'number') raw.retentionDays = String(rest.retentionDays);
  return raw;
}

function contextValue(given: Readonly<Record<string, unknown>>, key: 'cwd' | 'moduleIds'): void {
  const value = given[key];
  if (value === undefined) return;
  const ok =
    key === 'cwd' ? typeof value === 'string' : Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (!ok) {
    throw new InputError(
      'invalid-option',
      `option '${key}' must be ${key === 'cwd' ? 'a directory path' : 'a list of module ids'}`,
      {
        fix: key === 'cwd' ? "pass cwd: '/path/to/project'" : "pass moduleIds: ['tool-bash']",
      },
    );
  }
}

/** Complete options for one command, through the same normaliser as the CLI's; relative paths are taken from `cwd`. */
export function pipelineOptions(command: CommandName, given: CommandOptions = {}): PipelineOptions {
  const name = checkCommand(command);
  const raw: unknown = given;
  if (!isRecord(raw)) {
    throw new InputError(
      'invalid-option',
      `options must be an object, not ${Array.isArray(raw) ? 'a list' : typeof raw}`,
      {
        fix: "pass an object such as { profiles: ['bundle.md'] }",
      },
    );
  }
  contextValue(raw, 'cwd');
  contextValue(raw, 'moduleIds');
  if (raw.moduleIds !== undefined && name !== 'lock') {
    throw new InputError('usage', `option 'moduleIds' does not apply to ${name}`, {
      fix: "drop 'moduleIds'; it applies to: lock",
    });
  }
  const values = checkOptions(name, rawOptions(raw), LIBRARY_WORDING);
  const token = isRecord(raw.token) ? raw.token : null;
  return toPipelineOptions(name, values, {
    base: given.cwd ?? process.cwd(),
    env: given.env ?? process.env,
    moduleIds: given.moduleIds,
    tokenHost: typeof token?.host === 'string' ? token.host : undefined,
  });
}

/**
 * Runs one command with the real ports and returns its report: `await runLibraryCommand('verify', { profiles: ['p.md'] })`.
 * Bad input throws InputError (its `code`, `file`, `line` and `fix` say what to change).
 */
export async function runLibraryCommand(
  command: CommandName,
  given: CommandOptions = {},
  ports: Partial<PipelinePorts> = {},
): Promise<Report> {
  const options = pipelineOptions(command, given);
  const real = nodePorts({ env: given.env ?? process.env, ...ports });
  await checkNamespaceDirs(real.fs, options.namespaces, {
    label: (name, dir) => `option 'namespaces': ${name}: '${dir}'`,
    fix: (name) => `point namespaces.${name} at the directory holding that bundle or collection`,
  });
  const { report } = await runPipeline(options, real);
  return report;
}
