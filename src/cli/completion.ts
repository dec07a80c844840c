/**
 * `amplifier-modules completion bash|zsh|fish`: a completion script built from the option table, so every command
 * completes exactly the flags it accepts, the choices of `--installer`, `--format` and `--color`, and file or
 * directory names where a flag takes a path. Load it with `source <(amplifier-modules completion bash)` (bash),
 * `source <(amplifier-modules completion zsh)` (zsh) or `amplifier-modules completion fish | source` (fish).
 */
import type { AnyOption } from '../options/option-kinds.js';
import { COMMANDS, type CommandName, OPTION_KEYS, optionSpec } from '../options/option-table.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const PROGRAM = 'amplifier-modules';
type Flagged = AnyOption & { readonly flag: string };

function flagged(command: CommandName | null): Flagged[] {
  return OPTION_KEYS.map(optionSpec).filter(
    (spec): spec is Flagged => spec.flag !== null && (command === null || spec.commands.includes(command)),
  );
}

/** The fixed choices of a flag (`auto|uv|pip`), or null when it takes a path or free text. */
function choices(spec: AnyOption): string[] | null {
  if (spec.kind === 'boolean' || !/^[a-z]+(\|[a-z]+)+$/.test(spec.valueName)) return null;
  return spec.valueName.split('|');
}

function valueKind(spec: AnyOption): 'none' | 'choice' | 'dir' | 'file' | 'text' {
  if (spec.kind === 'boolean') return 'none';
  if (choices(spec)) return 'choice';
  if (spec.valueName === 'DIR') return 'dir';
  return spec.valueName === 'PATH' || spec.valueName === 'FILE' ? 'file' : 'text';
}

function names(spec: Flagged): string[] {
  return spec.short ? [`--${spec.flag}`, `-${spec.short}`] : [`--${spec.flag}`];
}

function bash(): string {
  const valueCases = flagged(null)
    .filter((spec) => valueKind(spec) !== 'none')
    .map((spec) => {
      const kind = valueKind(spec);
      const reply =
        kind === 'choice'
          ? `COMPREPLY=($(compgen -W "${choices(spec)?.join(' ')}" -- "$cur"))`
          : kind === 'dir'
            ? 'COMPREPLY=($(compgen -d -- "$cur"))'
            : kind === 'file'
              ? 'COMPREPLY=($(compgen -f -- "$cur"))'
              : 'COMPREPLY=()';
      return `    ${names(spec).join('|')}) ${reply}; return ;;`;
    });
  const commandCases = COMMANDS.map(
    (command) => `    ${command}) opts="${flagged(command).flatMap(names).join(' ')} --help" ;;`,
  );
  return `# ${PROGRAM} completion for bash: source <(${PROGRAM} completion bash)
_amplifier_modules() {
  local cur prev cmd opts i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${COMMANDS.join('|')}|help|completion) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
${valueCases.join('\n')}
  esac
  case "$cmd" in
    "") opts="${COMMANDS.join(' ')} help completion --help --version" ;;
    help) opts="${COMMANDS.join(' ')}" ;;
    completion) opts="${SHELLS.join(' ')}" ;;
${commandCases.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _amplifier_modules ${PROGRAM}
`;
}

/** Help text made safe inside a zsh `_arguments` spec (`[...]` and `:` are syntax there). */
function zshHelp(text: string): string {
  return text.replace(/[[\]:'\\]/g, ' ').replace(/\s+/g, ' ');
}

function zshSpec(spec: Flagged): string {
  const kind = valueKind(spec);
  const repeat = spec.kind === 'list' ? '*' : '';
  const action =
    kind === 'choice'
      ? `(${choices(spec)?.join(' ')})`
      : kind === 'dir'
        ? '_directories'
        : kind === 'file'
          ? '_files'
          : ' ';
  const label = spec.kind === 'boolean' ? '' : spec.valueName.toLowerCase().replace(/\|/g, ' ');
  const value = kind === 'none' ? '' : `:${label}:${action}`;
  return names(spec)
    .map(
      (name) =>
        `'${repeat}${name}${kind !== 'none' && name.startsWith('--') ? '=' : ''}[${zshHelp(spec.help)}]${value}'`,
    )
    .join(' ');
}

function zsh(): string {
  const cases = COMMANDS.map((command) => `    ${command}) _arguments ${flagged(command).map(zshSpec).join(' ')} ;;`);
  return `#compdef ${PROGRAM}
# ${PROGRAM} completion for zsh: source <(${PROGRAM} completion zsh)
_amplifier_modules() {
  if (( CURRENT == 2 )); then
    compadd -- ${COMMANDS.join(' ')} help completion
    return
  fi
  local cmd=\${words[2]}
  shift words
  (( CURRENT-- ))
  case $cmd in
    help) compadd -- ${COMMANDS.join(' ')} ;;
    completion) compadd -- ${SHELLS.join(' ')} ;;
${cases.join('\n')}
  esac
}
compdef _amplifier_modules ${PROGRAM}
`;
}

function fishLine(command: CommandName, spec: Flagged): string {
  const kind = valueKind(spec);
  const short = spec.short ? ` -s ${spec.short}` : '';
  const value =
    kind === 'choice'
      ? ` -x -a '${choices(spec)?.join(' ')}'`
      : kind === 'none'
        ? ''
        : kind === 'text'
          ? ' -x'
          : ' -r -F';
  const help = spec.help.replace(/'/g, '');
  return `complete -c ${PROGRAM} -n '__fish_seen_subcommand_from ${command}' -l ${spec.flag}${short}${value} -d '${help}'`;
}

function fish(): string {
  const top = `not __fish_seen_subcommand_from ${COMMANDS.join(' ')} help completion`;
  return [
    `# ${PROGRAM} completion for fish: ${PROGRAM} completion fish | source`,
    `complete -c ${PROGRAM} -f`,
    `complete -c ${PROGRAM} -n '${top}' -a '${COMMANDS.join(' ')} help completion'`,
    `complete -c ${PROGRAM} -n '__fish_seen_subcommand_from help' -a '${COMMANDS.join(' ')}'`,
    `complete -c ${PROGRAM} -n '__fish_seen_subcommand_from completion' -a '${SHELLS.join(' ')}'`,
    ...COMMANDS.flatMap((command) => flagged(command).map((spec) => fishLine(command, spec))),
    '',
  ].join('\n');
}

export function completionScript(shell: Shell): string {
  if (shell === 'bash') return bash();
  return shell === 'zsh' ? zsh() : fish();
}
