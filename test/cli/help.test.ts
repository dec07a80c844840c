/**
 * Each command's help, through the built CLI: it lists exactly the options that command accepts (as the option table
 * says), `help <command>` prints the same, and an option given to a command it does not apply to exits 2.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/parse-command-line.js';
import { OPTION_KEYS, optionSpec } from '../../src/options/option-table.js';
import { runBuiltCli } from '../helpers/run-cli.js';

/** The long flags a help text lists, in order. */
function listedFlags(help: string): string[] {
  return [...help.matchAll(/^ {2}--([a-z-]+)/gm)].map((match) => match[1] ?? '');
}

describe('help per command', () => {
  for (const command of COMMANDS) {
    it(`${command} --help lists exactly the options ${command} accepts`, () => {
      const run = runBuiltCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^amplifier-modules ${command}: `));
      const expected = OPTION_KEYS.map(optionSpec)
        .filter((spec) => spec.flag !== null && spec.commands.includes(command))
        .map((spec) => spec.flag ?? '');
      expect(listedFlags(run.stdout)).toEqual([...expected, 'help']);
      expect(runBuiltCli(['help', command]).stdout).toBe(run.stdout);
    });
  }

  it('the general help lists the commands and how to get one command’s options, but no options', () => {
    const run = runBuiltCli(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('amplifier-modules help <command>');
    for (const command of COMMANDS) expect(run.stdout).toContain(`  ${command} `);
    expect(listedFlags(run.stdout)).toEqual([]);
    expect(run.stdout).toContain('exit codes:');
  });

  it('resolve --fix is a usage error naming the commands --fix applies to', () => {
    const run = runBuiltCli(['resolve', '--fix', '-p', 'examples/profiles/demo.md']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error[usage]: --fix does not apply to resolve');
    expect(run.stderr).toContain('it applies to: doctor');
  });

  it('help for an unknown command is a usage error', () => {
    const run = runBuiltCli(['help', 'frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error[unknown-command]: unknown command 'frobnicate'");
  });
});
