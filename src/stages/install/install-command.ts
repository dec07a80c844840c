/**
 * The one installer call for a batch of editable installs, as an argument array (never a shell string):
 * `uv pip install --python P --no-sources -e D1 -e D2` (the flags the Amplifier CLI itself passes; `--no-sources`
 * because modules point amplifier-core at a sibling checkout in `[tool.uv.sources]`), or `P -m pip install -e D1 ...`.
 */

import { commandText } from '../../shell-words.js';

export type InstallerName = 'uv' | 'pip';

export interface CommandLine {
  readonly command: string;
  readonly args: readonly string[];
}

export interface InstallCommandInput {
  readonly installer: InstallerName;
  /** The uv executable (absolute path, or `uv`). */
  readonly uv?: string | undefined;
  readonly python: string;
  readonly dirs: readonly string[];
  /** `--installer-arg` values, passed through before the editables. */
  readonly extraArgs?: readonly string[] | undefined;
  /** pip: install without dependencies (Amplifier's git-dependency rule, see amplifier-install-rules.ts). */
  readonly noDeps?: boolean | undefined;
  /** uv: a file of `name==version` overrides (the same rule, as Amplifier passes it to uv). */
  readonly overridesFile?: string | undefined;
}

export function buildInstallCommand(input: InstallCommandInput): CommandLine {
  const editables = input.dirs.flatMap((dir) => ['-e', dir]);
  const extra = input.extraArgs ?? [];
  if (input.installer === 'uv') {
    const overrides = input.overridesFile ? ['--overrides', input.overridesFile] : [];
    return {
      command: input.uv ?? 'uv',
      args: ['pip', 'install', '--python', input.python, '--no-sources', ...overrides, ...extra, ...editables],
    };
  }
  const noDeps = input.noDeps ? ['--no-deps'] : [];
  return { command: input.python, args: ['-m', 'pip', 'install', ...noDeps, ...extra, ...editables] };
}

/** For progress lines: the command with its editables folded into a count (the full line is logged at debug). */
export function foldedCommandLine(line: CommandLine): string {
  const at = line.args.indexOf('-e');
  if (at < 0) return formatCommandLine(line);
  const count = line.args.slice(at).filter((arg) => arg === '-e').length;
  const head = formatCommandLine({ command: line.command, args: line.args.slice(0, at) });
  return count === 1 ? formatCommandLine(line) : `${head} -e <${count} directories>`;
}

/** For messages only: the command as text the user can paste (every word POSIX-quoted). */
export function formatCommandLine(line: CommandLine): string {
  return commandText([line.command, ...line.args]);
}
