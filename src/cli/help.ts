import type { CommandName } from './options.js';

const SUMMARY: Record<CommandName, string> = {
  resolve: 'resolve every declared module through the layers; no network, no Python needed',
  warm: 'resolve, pin git refs to commits and fetch every git source into the module cache',
  install: 'warm, then one batched editable install of every Python module into --python',
  verify: 'install (skip with --no-install), then audit every declared module’s import target',
  doctor: 'audit every editable install of an environment and Amplifier’s install state; --fix repairs both',
  prune: 'remove module-cache directories nothing references (--dry-run lists them)',
};

export function helpText(command: CommandName | null): string {
  const head = command
    ? `amplifier-modules ${command}: ${SUMMARY[command]}\n\nusage: amplifier-modules ${command} [options]\n`
    : `amplifier-modules: resolve, cache, install and verify Amplifier modules

usage: amplifier-modules <command> [options]

commands:
${Object.entries(SUMMARY)
  .map(([name, text]) => `  ${name.padEnd(9)} ${text}`)
  .join('\n')}
`;
  return `${head}
options:
  --profile, -p PATH    a profile or bundle file; repeatable (default: auto-detect under <workspace>/.amplifier/)
  --workspace, -w DIR   project root holding .amplifier/ (default: the current directory)
  --namespace N=DIR     map a bundle namespace or profile collection N to a local directory; repeatable
  --strict              unresolvable includes and warnings fail the run
  --home DIR            Amplifier home (default: $AMPLIFIER_HOME or ~/.amplifier); module cache is <home>/cache
  --python PATH         interpreter of the target environment (default: $VIRTUAL_ENV, <workspace>/.venv, python3)
  --installer auto|uv|pip
  --installer-arg ARG   extra argument for the installer; repeatable
  --no-install          verify: audit the environment as it is
  --fix                 doctor: reinstall dangling editables, drop stale Amplifier install-state entries
  --dry-run             prune: only list what would be removed
  --offline             no network: a module not already in the cache is an error
  --import              also import each module in an isolated interpreter
  --session             what the Amplifier CLI loads for a session: the bundle plus the behaviors, bundle.app
                        bundles and settings providers it adds, in its order (each module says its origin)
  --format text|json    json goes to stdout, logs to stderr
  --report FILE         also write the JSON report to FILE
  --verbose, -v         debug output
  --help, -h            this text
  --version, -V         the version

exit codes: 0 every module ok; 1 at least one module failed; 2 bad input or usage
`;
}
