import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import type { InstallerChoice, NamespaceMapping } from '../pipeline-options.js';
import type { ReportCommand } from '../report/report.js';

export type CommandName = ReportCommand;
export const COMMANDS: readonly CommandName[] = ['resolve', 'warm', 'install', 'verify', 'doctor', 'prune'];

export type OutputFormat = 'text' | 'json';

export interface CliOptions {
  readonly command: CommandName;
  readonly profiles: readonly string[];
  readonly workspace: string | null;
  readonly namespaces: readonly NamespaceMapping[];
  readonly strict: boolean;
  readonly home: string | null;
  readonly python: string | null;
  readonly installer: InstallerChoice;
  readonly installerArgs: readonly string[];
  readonly install: boolean;
  readonly fix: boolean;
  readonly dryRun: boolean;
  readonly offline: boolean;
  readonly importCheck: boolean;
  readonly session: boolean;
  readonly format: OutputFormat;
  readonly report: string | null;
  readonly verbose: boolean;
}

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly command: CommandName | null }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly options: CliOptions };

const FIX_USAGE = 'run `amplifier-modules --help` for the options';

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError('usage', `--${name} must be one of ${allowed.join(', ')}, not '${value}'`, {
    fix: `pass --${name} ${allowed.join('|')}`,
  });
}

function parseNamespace(value: string): NamespaceMapping {
  const eq = value.indexOf('=');
  const name = eq > 0 ? value.slice(0, eq) : '';
  const dir = eq > 0 ? value.slice(eq + 1) : '';
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || dir === '') {
    throw new InputError('usage', `--namespace expects NAME=DIR, got '${value}'`, {
      fix: 'for example --namespace foundation=./vendor/amplifier-foundation',
    });
  }
  return { name, dir };
}

/** Parses argv (without node and the script). Pure: no file system, no environment. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed: ReturnType<typeof parseWithNode>;
  try {
    parsed = parseWithNode(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError('usage', message.replace(/\. To specify a positional argument.*$/s, ''), { fix: FIX_USAGE });
  }
  const { values, positionals } = parsed;
  if (values.version) return { kind: 'version' };
  const [commandWord, ...extra] = positionals;
  if (commandWord !== undefined && !(COMMANDS as readonly string[]).includes(commandWord)) {
    throw new InputError('usage', `unknown command '${commandWord}'`, {
      fix: `use one of: ${COMMANDS.join(', ')}`,
    });
  }
  const command = (commandWord as CommandName | undefined) ?? null;
  if (values.help || command === null) return { kind: 'help', command };
  if (extra.length > 0) {
    throw new InputError('usage', `unexpected argument '${extra[0]}'`, {
      fix: 'give profile files with --profile FILE (repeatable)',
    });
  }
  return {
    kind: 'run',
    options: {
      command,
      profiles: values.profile ?? [],
      workspace: values.workspace ?? null,
      namespaces: (values.namespace ?? []).map(parseNamespace),
      strict: values.strict ?? false,
      home: values.home ?? null,
      python: values.python ?? null,
      installer: oneOf('installer', values.installer, ['auto', 'uv', 'pip'], 'auto'),
      installerArgs: values['installer-arg'] ?? [],
      install: !(values['no-install'] ?? false),
      fix: values.fix ?? false,
      dryRun: values['dry-run'] ?? false,
      offline: values.offline ?? false,
      importCheck: values.import ?? false,
      session: values.session ?? false,
      format: oneOf('format', values.format, ['text', 'json'], 'text'),
      report: values.report ?? null,
      verbose: values.verbose ?? false,
    },
  };
}

function parseWithNode(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      profile: { type: 'string', short: 'p', multiple: true },
      workspace: { type: 'string', short: 'w' },
      namespace: { type: 'string', multiple: true },
      strict: { type: 'boolean' },
      home: { type: 'string' },
      python: { type: 'string' },
      installer: { type: 'string' },
      'installer-arg': { type: 'string', multiple: true },
      'no-install': { type: 'boolean' },
      fix: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      offline: { type: 'boolean' },
      import: { type: 'boolean' },
      session: { type: 'boolean' },
      format: { type: 'string' },
      report: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
    },
  });
}
