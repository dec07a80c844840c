/**
 * The words a fix uses for an option come from the option table, per front end: the CLI's flags, the action's
 * inputs. Every option of the table is checked, so a new option (or a renamed input) is worded right everywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPTION_KEYS, optionSpec } from '../../src/options/option-table.js';
import { either, wordingFor } from '../../src/options/option-wording.js';
import { suggestFix } from '../../src/stages/resolve/fix.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cli = wordingFor('cli');
const action = wordingFor('action');

describe('wordingFor', () => {
  it('names each option as its front end spells it, or not at all when that front end lacks it', () => {
    for (const key of OPTION_KEYS) {
      const spec = optionSpec(key);
      if (spec.kind === 'boolean') {
        expect(action.turn(key, !spec.default)).toBe(spec.input === null ? null : `${spec.input}: ${!spec.default}`);
        expect(cli.turn(key, !spec.default)).toBe(spec.flag === null ? null : `--${spec.flag}`);
        expect(cli.runWith(key, spec.default)).toBe(spec.flag === null ? null : `without --${spec.flag}`);
      } else {
        expect(action.set(key, 'X')).toBe(spec.input === null ? null : `${spec.input}: X`);
        expect(cli.set(key, 'X')).toBe(spec.flag === null ? null : `--${spec.flag} X`);
      }
    }
  });

  it('words the fixes the action shows in its inputs', () => {
    expect(action.runWith('offline', false)).toBe('with offline: false');
    expect(action.set('python', 'PATH')).toBe('python: PATH');
    expect(action.set('namespaces', 'N=DIR')).toBeNull();
    expect(action.command('warm')).toBe('command: warm');
    expect(cli.command('warm')).toBe('amplifier-modules warm');
    expect(either(['a', null, 'b', 'c'])).toBe('a, b or c');
  });

  it('every input the table names is in action.yml', () => {
    const yml = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8');
    for (const key of OPTION_KEYS) {
      const input = optionSpec(key).input;
      if (input) expect(yml, input).toContain(`\n  ${input}:\n`);
    }
  });

  it('a stage writes its fix through the wording it is given', () => {
    const declaration = {
      id: 'tool-x',
      kind: 'tool' as const,
      agent: null,
      declaredAt: { file: 'p.md', line: 3 },
      source: null,
    };
    const resolution = {
      layer: null,
      source: null,
      path: null,
      trail: [
        {
          layer: 'package' as const,
          outcome: 'skipped' as const,
          detail: 'no environment',
          reason: { kind: 'no-environment' as const },
        },
      ],
    };
    // biome-ignore lint/suspicious/noExplicitAny: a minimal resolution for the one branch under test
    const forAction = suggestFix(declaration as any, resolution as any, action);
    expect(forAction).toContain('or set python: <interpreter> if');
    expect(forAction).not.toContain('--python');
    // biome-ignore lint/suspicious/noExplicitAny: as above
    expect(suggestFix(declaration as any, resolution as any)).toContain('or pass --python <interpreter> if');
  });
});
