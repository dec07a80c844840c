/**
 * Every option of every command survives each front end: given through the CLI's argv, the action's inputs and the
 * library's object, it lands in the run's options with the same value, relative paths taken from the same base. The
 * table of samples is keyed by the option table, so a new option without a sample fails here.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_COMMANDS, type ActionInputs, readActionInputs, toPipelineOptions } from '../../src/action/inputs.js';
import { cliPipelineOptions } from '../../src/cli/main.js';
import { type CliOptions, parseCommandLine } from '../../src/cli/parse-command-line.js';
import { InputError } from '../../src/errors.js';
import { NOT_IN_LIBRARY } from '../../src/library/library-options.js';
import { pipelineOptions } from '../../src/library/library-run.js';
import { COMMANDS, type CommandName, OPTION_KEYS, type OptionKey, optionSpec } from '../../src/options/option-table.js';
import type { PipelineOptions } from '../../src/pipeline-options.js';

const dir = mkdtempSync(join(tmpdir(), 'am-round-trip-'));
writeFileSync(join(dir, 'a.md'), '---\nprofile: {name: a}\n---\n');
const env = { HOME: '/home/u' };

/** Where an option lands: the run's options, or what a front end keeps for itself (output flags, the cache check). */
interface Landing {
  readonly pipeline: PipelineOptions;
  readonly cli?: CliOptions;
  readonly action?: ActionInputs;
}

interface Sample {
  /** The flags, after the command word. */
  readonly cli?: readonly string[];
  /** The action's input and its text. */
  readonly input?: string;
  readonly library?: unknown;
  readonly read: (landing: Landing) => unknown;
  readonly expected: unknown;
}

const SAMPLES: Record<OptionKey, Sample> = {
  profiles: {
    cli: ['-p', 'a.md'],
    input: 'a.md',
    library: ['a.md'],
    read: (l) => l.pipeline.profiles,
    expected: [join(dir, 'a.md')],
  },
  workspace: {
    cli: ['-w', 'ws'],
    input: 'ws',
    library: 'ws',
    read: (l) => l.pipeline.workspace,
    expected: join(dir, 'ws'),
  },
  namespaces: {
    cli: ['--namespace', 'f=./vendor/f'],
    library: { f: './vendor/f' },
    read: (l) => l.pipeline.namespaces,
    expected: [{ name: 'f', dir: join(dir, 'vendor/f') }],
  },
  strict: { cli: ['--strict'], input: 'true', library: true, read: (l) => l.pipeline.strict, expected: true },
  home: { cli: ['--home', 'h'], input: 'h', library: 'h', read: (l) => l.pipeline.home, expected: join(dir, 'h') },
  python: {
    cli: ['--python', 'v/bin/python'],
    input: 'v/bin/python',
    library: 'v/bin/python',
    read: (l) => l.pipeline.python,
    expected: join(dir, 'v/bin/python'),
  },
  installer: {
    cli: ['--installer', 'pip'],
    input: 'pip',
    library: 'pip',
    read: (l) => l.pipeline.installer,
    expected: 'pip',
  },
  installerArgs: {
    cli: ['--installer-arg=--no-index'],
    library: ['--no-index'],
    read: (l) => l.pipeline.installerArgs,
    expected: ['--no-index'],
  },
  install: { cli: ['--no-install'], library: false, read: (l) => l.pipeline.install, expected: false },
  reinstall: { cli: ['--reinstall'], library: true, read: (l) => l.pipeline.reinstall, expected: true },
  fix: { cli: ['--fix'], library: true, read: (l) => l.pipeline.fix, expected: true },
  dryRun: { cli: ['--dry-run'], library: true, read: (l) => l.pipeline.dryRun, expected: true },
  retentionDays: { cli: ['--retention-days', '7'], library: 7, read: (l) => l.pipeline.retentionDays, expected: 7 },
  purge: { cli: ['--purge'], library: true, read: (l) => l.pipeline.purge, expected: true },
  pruneIncludes: { cli: ['--include-clones'], library: true, read: (l) => l.pipeline.pruneIncludes, expected: true },
  offline: { cli: ['--offline'], input: 'true', library: true, read: (l) => l.pipeline.offline, expected: true },
  session: { cli: ['--session'], input: 'true', library: true, read: (l) => l.pipeline.session, expected: true },
  importCheck: { cli: ['--import'], input: 'true', library: true, read: (l) => l.pipeline.importCheck, expected: true },
  cache: { input: 'false', read: (l) => l.pipeline.cache, expected: false },
  cacheKeyPrefix: { input: 'ci-x', read: (l) => l.pipeline.cacheKeyPrefix, expected: 'ci-x' },
  restoreOnly: { input: 'true', read: (l) => l.pipeline.cacheMode, expected: 'restore-only' },
  saveOnly: { input: 'true', read: (l) => l.pipeline.cacheMode, expected: 'save-only' },
  lookupOnly: { input: 'true', read: (l) => l.pipeline.cacheMode, expected: 'lookup-only' },
  failOnCacheMiss: { input: 'true', read: (l) => l.pipeline.failOnCacheMiss, expected: true },
  token: {
    input: 'tok-1',
    library: 'tok-1',
    read: (l) => l.pipeline.token,
    expected: { host: 'github.com', value: 'tok-1' },
  },
  locked: { cli: ['--locked'], library: true, read: (l) => l.pipeline.locked, expected: true },
  frozen: { cli: ['--frozen'], library: true, read: (l) => l.pipeline.frozen, expected: true },
  lockFile: {
    cli: ['--lock-file', 'ci.lock'],
    input: 'ci.lock',
    library: 'ci.lock',
    read: (l) => l.pipeline.lockFile,
    expected: join(dir, 'ci.lock'),
  },
  update: { cli: ['--update'], library: true, read: (l) => l.pipeline.update, expected: true },
  format: { cli: ['--format', 'json'], read: (l) => l.cli?.format, expected: 'json' },
  report: { cli: ['--report', 'r.json'], read: (l) => l.cli?.report, expected: 'r.json' },
  verbose: { cli: ['-v'], read: (l) => l.cli?.verbose, expected: true },
  quiet: { cli: ['-q'], read: (l) => l.cli?.quiet, expected: true },
  color: { cli: ['--color=never'], read: (l) => l.cli?.color, expected: 'never' },
};

function viaCli(command: CommandName, flags: readonly string[]): Landing {
  const parsed = parseCommandLine([command, ...flags]);
  if (parsed.kind !== 'run') throw new Error('expected a run');
  const io = { argv: [], env, cwd: dir, stdout: () => {}, stderr: () => {} };
  return { pipeline: cliPipelineOptions(parsed.options, io), cli: parsed.options };
}

async function viaAction(command: CommandName, inputs: Record<string, string>): Promise<Landing> {
  const read = (name: string): string => (name === 'command' ? command : (inputs[name] ?? ''));
  const action = await readActionInputs(read, { ...env, GITHUB_WORKSPACE: dir }, '/');
  return { pipeline: toPipelineOptions(action), action };
}

function viaLibrary(command: CommandName, given: Record<string, unknown>): Landing {
  return { pipeline: pipelineOptions(command, { cwd: dir, env, ...given }) };
}

const cases = COMMANDS.flatMap((command) =>
  OPTION_KEYS.filter((key) => optionSpec(key).commands.includes(command)).map((key) => ({ command, key })),
);

describe('every option of every command survives each front end', () => {
  it.each(cases)('$command $key', async ({ command, key }) => {
    const spec = optionSpec(key);
    const sample = SAMPLES[key];
    let fronts = 0;
    if (spec.flag !== null) {
      expect(sample.cli, `a CLI sample for ${key}`).toBeDefined();
      expect(sample.read(viaCli(command, sample.cli ?? []))).toEqual(sample.expected);
      expect(sample.read(viaCli(command, []))).not.toEqual(sample.expected);
      fronts += 1;
    }
    const input = spec.input;
    if (input !== null && (ACTION_COMMANDS as readonly string[]).includes(command)) {
      expect(sample.input, `an action sample for ${key}`).toBeDefined();
      expect(sample.read(await viaAction(command, { [input]: sample.input ?? '' }))).toEqual(sample.expected);
      expect(sample.read(await viaAction(command, {}))).not.toEqual(sample.expected);
      fronts += 1;
    }
    if (!(NOT_IN_LIBRARY as readonly string[]).includes(key)) {
      expect(sample.library, `a library sample for ${key}`).toBeDefined();
      expect(sample.read(viaLibrary(command, { [key]: sample.library }))).toEqual(sample.expected);
      expect(sample.read(viaLibrary(command, {}))).not.toEqual(sample.expected);
      fronts += 1;
    }
    expect(fronts).toBeGreaterThan(0);
  });
});

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('the library refuses what the CLI refuses, in its own words', () => {
  it('names the closest option for a misspelt key', () => {
    const error = inputError(() => pipelineOptions('verify', { profile: ['a.md'] } as never));
    expect(error).toMatchObject({ code: 'unknown-option', suggestion: 'profiles' });
    expect(error.message).toBe("unknown option 'profile'; did you mean option 'profiles'?");
  });

  it('refuses an option the command does not take, and a value the table refuses', () => {
    expect(inputError(() => pipelineOptions('resolve', { fix: true } as never))).toMatchObject({
      code: 'usage',
      message: "option 'fix' does not apply to resolve",
    });
    const conda = inputError(() => pipelineOptions('verify', { installer: 'conda' } as never));
    expect(conda).toMatchObject({
      code: 'invalid-option',
      message: "option 'installer' must be one of auto, uv, pip, not 'conda'",
    });
    const cli = inputError(() => parseCommandLine(['verify', '--installer', 'conda']));
    expect(cli).toMatchObject({
      code: 'invalid-option',
      message: "--installer must be one of auto, uv, pip, not 'conda'",
    });
    expect(inputError(() => pipelineOptions('verify', { strict: 'yes' } as never)).message).toBe(
      "option 'strict' must be true or false, not 'yes'",
    );
  });

  it('refuses a command that does not exist, naming the closest', () => {
    expect(inputError(() => pipelineOptions('verfy' as CommandName))).toMatchObject({
      code: 'unknown-command',
      suggestion: 'verify',
    });
  });

  it('takes every relative path from one base, in each front end', async () => {
    const flags = ['-p', 'a.md', '--python', 'v/bin/python', '--home', 'h', '--lock-file', 'ci.lock'];
    const cli = viaCli('verify', flags).pipeline;
    const library = viaLibrary('verify', {
      profiles: ['a.md'],
      python: 'v/bin/python',
      home: 'h',
      lockFile: 'ci.lock',
    });
    const action = await viaAction('verify', {
      profile: 'a.md',
      python: 'v/bin/python',
      'amplifier-home': 'h',
      'lock-file': 'ci.lock',
    });
    const paths = (o: PipelineOptions) => [o.profiles, o.python, o.home, o.lockFile];
    expect(paths(library.pipeline)).toEqual(paths(cli));
    expect(paths(action.pipeline)).toEqual(paths(cli));
  });
});
