/** `--help` text, built from the option table: a command's help lists exactly the options that command accepts. */
import { optionSpec } from '../options/option-table.js';
import { CLI_OPTION_KEYS, COMMANDS, type CommandName } from './parse-command-line.js';

const SUMMARY: Record<CommandName, string> = {
  resolve: 'resolve every declared module through the layers; no network, no Python needed',
  warm: 'resolve, pin git refs to commits and fetch every git source into the module cache',
  install: 'warm, then one batched editable install of every Python module into --python',
  verify: 'install (skip with --no-install), then audit every declared module’s import target',
  doctor: 'audit every editable install of an environment and Amplifier’s install state; --fix repairs both',
  prune:
    'quarantine module-cache directories nothing uses; delete quarantined ones past --retention-days (--dry-run lists)',
  lock: 'pin every git source and bundle include to a commit in a lock file; --update [MODULE...] re-pins',
};

export const EXIT_CODES_TEXT =
  'exit codes: 0 every module ok; 1 at least one module failed; 2 bad input or usage; 3 runtime failure (no Python,\n  cache locked, ...); 4 internal error (a bug); 130/143 interrupted';

const LOCK_EXIT_CODES =
  'lock: 0 written or already up to date; 1 a module did not resolve; 2 bad input, a ref that does not exist or an\n  unknown module id; 3 a repository could not be reached; nothing is written unless the exit code is 0';

function optionLine(left: string, text: string): string {
  return `  ${left.padEnd(26)}${left.length >= 26 ? ' ' : ''}${text}`;
}

function optionLines(command: CommandName): string[] {
  const lines: string[] = [];
  for (const key of CLI_OPTION_KEYS) {
    const spec = optionSpec(key);
    if (spec.flag === null || !spec.commands.includes(command)) continue;
    const names = spec.short ? `--${spec.flag}, -${spec.short}` : `--${spec.flag}`;
    lines.push(optionLine(spec.kind === 'boolean' ? names : `${names} ${spec.valueName}`, spec.help));
  }
  lines.push(optionLine('--help, -h', 'this text'));
  return lines;
}

/** `usage: amplifier-modules verify [options] (amplifier-modules help verify lists them)`, said under a usage error. */
export function usageLine(command: CommandName | null): string {
  if (command === null)
    return 'usage: amplifier-modules <command> [options] (amplifier-modules --help lists the commands)';
  const ids = command === 'lock' ? ' [MODULE...]' : '';
  return `usage: amplifier-modules ${command} [options]${ids} (amplifier-modules help ${command} lists them)`;
}

export function helpText(command: CommandName | null): string {
  if (command === null) {
    return `amplifier-modules: resolve, cache, install and verify Amplifier modules

usage: amplifier-modules <command> [options]
       amplifier-modules help <command>     the options of one command
       amplifier-modules completion bash|zsh|fish   a shell completion script
       amplifier-modules --version, -V

commands:
${COMMANDS.map((name) => `  ${name.padEnd(9)} ${SUMMARY[name]}`).join('\n')}

${EXIT_CODES_TEXT}
`;
  }
  return `amplifier-modules ${command}: ${SUMMARY[command]}

usage: amplifier-modules ${command} [options]${command === 'lock' ? ' [MODULE...]' : ''}

options:
${optionLines(command).join('\n')}

${EXIT_CODES_TEXT}${command === 'lock' ? `\n${LOCK_EXIT_CODES}` : ''}
`;
}
