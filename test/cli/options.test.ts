import { describe, expect, it } from 'vitest';
import { CLI_OPTION_KEYS, type CliOptionKey, COMMANDS, parseCommandLine } from '../../src/cli/parse-command-line.js';
import { InputError } from '../../src/errors.js';
import { optionSpec } from '../../src/options/option-table.js';

/** A value each option's check accepts. */
function sampleValue(key: CliOptionKey): string {
  if (key === 'namespaces') return 'foundation=./f';
  if (key === 'installer') return 'pip';
  if (key === 'format') return 'json';
  if (key === 'retentionDays') return '7';
  if (key === 'color') return 'never';
  return 'x';
}

function usageError(argv: string[]): InputError {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('reads every option of the CLI contract', () => {
    const parsed = parseCommandLine([
      'verify',
      '--profile',
      'a.md',
      '-p',
      'b.yaml',
      '--workspace',
      'ws',
      '--namespace',
      'foundation=./vendor/f',
      '--strict',
      '--home',
      'h',
      '--python',
      'py',
      '--installer',
      'pip',
      '--installer-arg=--no-build-isolation',
      '--no-install',
      '--reinstall',
      '--offline',
      '--import',
      '--session',
      '--frozen',
      '--lock-file',
      'ci.lock',
      '--format',
      'json',
      '--report',
      'r.json',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        command: 'verify',
        profiles: ['a.md', 'b.yaml'],
        workspace: 'ws',
        namespaces: [{ name: 'foundation', dir: './vendor/f' }],
        strict: true,
        home: 'h',
        python: 'py',
        installer: 'pip',
        installerArgs: ['--no-build-isolation'],
        install: false,
        reinstall: true,
        fix: false,
        dryRun: false,
        retentionDays: null,
        purge: false,
        pruneIncludes: false,
        offline: true,
        importCheck: true,
        session: true,
        locked: false,
        frozen: true,
        lockFile: 'ci.lock',
        update: false,
        moduleIds: [],
        format: 'json',
        report: 'r.json',
        verbose: false,
        quiet: false,
        color: 'auto',
      },
    });
  });

  it('defaults: text output, auto installer, install on', () => {
    const parsed = parseCommandLine(['resolve']);
    expect(parsed.kind).toBe('run');
    if (parsed.kind !== 'run') return;
    expect(parsed.options.format).toBe('text');
    expect(parsed.options.installer).toBe('auto');
    expect(parsed.options.install).toBe(true);
    expect(parsed.options.reinstall).toBe(false);
    expect(parsed.options.profiles).toEqual([]);
  });

  it('help and version', () => {
    expect(parseCommandLine([])).toEqual({ kind: 'help', command: null });
    expect(parseCommandLine(['warm', '--help'])).toEqual({ kind: 'help', command: 'warm' });
    expect(parseCommandLine(['help', 'doctor'])).toEqual({ kind: 'help', command: 'doctor' });
    expect(parseCommandLine(['help'])).toEqual({ kind: 'help', command: null });
    expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' });
    expect(usageError(['help', 'frobnicate']).message).toBe("unknown command 'frobnicate'");
  });

  it('takes every option only on the commands its table entry names', () => {
    for (const key of CLI_OPTION_KEYS) {
      const spec = optionSpec(key);
      const argv = spec.kind === 'boolean' ? [`--${spec.flag}`] : [`--${spec.flag}=${sampleValue(key)}`];
      for (const command of COMMANDS) {
        if (spec.commands.includes(command)) {
          expect(parseCommandLine([command, ...argv]).kind, `${command} ${argv[0]}`).toBe('run');
        } else {
          const error = usageError([command, ...argv]);
          expect(error.message).toBe(`--${spec.flag} does not apply to ${command}`);
          expect(error.fix).toContain(`it applies to: ${spec.commands.join(', ')}`);
        }
      }
    }
    expect(usageError(['resolve', '--fix']).message).toBe('--fix does not apply to resolve');
    expect(usageError(['warm', '--no-install']).fix).toContain('amplifier-modules help warm');
  });

  it('rejects unknown commands, options, values and stray arguments with a fix', () => {
    expect(usageError(['frobnicate']).message).toContain("unknown command 'frobnicate'");
    expect(usageError(['resolve', '--bogus']).message).toContain('--bogus');
    expect(usageError(['resolve', '--format', 'xml']).message).toBe("--format must be one of text, json, not 'xml'");
    expect(usageError(['install', '--installer', 'conda']).fix).toBe('pass --installer auto|uv|pip');
    expect(usageError(['resolve', 'profile.md']).fix).toContain('--profile');
    expect(usageError(['resolve', '--namespace', 'nodir']).message).toContain('NAME=DIR');
    // Installer flags start with a dash, so they are passed as --installer-arg=--flag; the error says so.
    expect(usageError(['verify', '--installer-arg', '--no-deps']).fix).toContain('--installer-arg=--no-deps');
    expect(usageError(['x']).code).toBe('unknown-command');
    expect(usageError(['verfy'])).toMatchObject({ code: 'unknown-command', suggestion: 'verify' });
    expect(usageError(['resolve', '--bogus']).code).toBe('unknown-option');
    expect(usageError(['resolve', '--ofline'])).toMatchObject({ code: 'unknown-option', suggestion: 'offline' });
    expect(usageError(['resolve', '--format', 'xml']).code).toBe('invalid-option');
  });

  it('lock takes module ids only with --update', () => {
    const parsed = parseCommandLine(['lock', '--update', 'tool-a', 'provider-x']);
    expect(parsed.kind === 'run' && parsed.options.moduleIds).toEqual(['tool-a', 'provider-x']);
    expect(usageError(['lock', 'tool-a']).fix).toBe(
      'run amplifier-modules lock --update tool-a (or drop the ids to lock everything)',
    );
    expect(usageError(['warm', '--update']).message).toBe('--update does not apply to warm');
  });

  it('names the flag a misspelt one most likely meant, and only a close one', () => {
    const plural = usageError(['verify', '--installer-args', '--no-index']);
    expect(plural.message).toBe("unknown option '--installer-args'");
    expect(plural.fix).toContain('did you mean --installer-arg?');
    expect(usageError(['warm', '--ofline']).fix).toContain('did you mean --offline?');
    expect(usageError(['warm', '--profil=x.md']).fix).toContain('did you mean --profile?');
    expect(usageError(['resolve', '--bogus']).fix).not.toContain('did you mean');
    // A value that starts with `--` belongs to its flag, and `--` ends the flags.
    expect(usageError(['verify', '--installer-arg', '--no-deps']).fix).toContain('--installer-arg=--no-deps');
  });
});
