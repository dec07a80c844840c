/**
 * A FetchContext over the real ports for tests, with the Exec wrapped so tests can count the git processes a run
 * started (and see their arguments and environment).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeExec } from '../../../src/ports/node-exec.js';
import { nodeFileSystem } from '../../../src/ports/node-fs.js';
import type { Exec, ExecOptions, Logger } from '../../../src/ports.js';
import { Redactor } from '../../../src/secrets.js';
import type { FetchContext } from '../../../src/stages/fetch/context.js';

export interface RecordedCall {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: ExecOptions | undefined;
}

export interface CountingExec extends Exec {
  readonly calls: RecordedCall[];
  /** Calls whose git subcommand is `subcommand` (e.g. `fetch`, `ls-remote`), or all calls. */
  count(subcommand?: string): number;
  reset(): void;
}

/** git's subcommand: the first argument after the global `-c key=value`, `-C dir` and `--git-dir=...` options. */
function gitSubcommand(args: readonly string[]): string | undefined {
  let at = 0;
  for (;;) {
    if (args[at] === '-c' || args[at] === '-C') at += 2;
    else if (args[at]?.startsWith('--')) at += 1;
    else return args[at];
  }
}

export function countingExec(inner: Exec = nodeExec): CountingExec {
  const calls: RecordedCall[] = [];
  return {
    calls,
    run(command, args, options) {
      calls.push({ command, args: [...args], options });
      return inner.run(command, args, options);
    },
    count(subcommand) {
      return subcommand === undefined
        ? calls.length
        : calls.filter((call) => gitSubcommand(call.args) === subcommand).length;
    },
    reset() {
      calls.length = 0;
    },
  };
}

export interface CapturingLogger extends Logger {
  readonly lines: string[];
}

export function capturingLogger(): CapturingLogger {
  const lines: string[] = [];
  return {
    lines,
    debug: (message) => lines.push(`debug: ${message}`),
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
  };
}

export async function tempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `amf-${label}-`));
}

export interface TestFetchContext extends FetchContext {
  readonly exec: CountingExec;
  readonly logger: CapturingLogger;
}

export function fetchContext(home: string, overrides: Partial<FetchContext> = {}): TestFetchContext {
  return {
    fs: nodeFileSystem,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    home,
    redactor: new Redactor(),
    clock: { now: () => Date.now() },
    offline: false,
    retry: { attempts: 2, baseDelayMs: 10 },
    ...overrides,
    exec: countingExec(overrides.exec ?? nodeExec),
    logger: capturingLogger(),
  };
}
