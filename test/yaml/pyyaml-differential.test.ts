/**
 * Every YAML file is read as PyYAML (what Amplifier loads files with) reads it: the same value, or a refusal where
 * PyYAML refuses. Checked against the real PyYAML (`/usr/bin/python3`) on the texts the issue named (a module after
 * NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR inside a comment, non-breaking spaces, a tab after `module:`) and on
 * thousands of generated texts with those characters dropped in. A refused text names its line and column.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { libraryYamlSource } from '../../src/yaml/yaml-library.js';
import { generatedYaml, type Random, seededRandom } from './generated-yaml.js';

const FILE = '/w/profile.md';

/** PyYAML's safe_load without its timestamp resolver (the product keeps timestamps as written). */
const PYYAML_SCRIPT = `
import json, sys, yaml
class Loader(yaml.SafeLoader):
    pass
Loader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != 'tag:yaml.org,2002:timestamp']
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
def plain(value):
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError('key')
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, float) and (value != value or value in (float('inf'), float('-inf'))):
        raise TypeError('float')
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(type(value).__name__)
out = []
for text in json.load(sys.stdin):
    try:
        value = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, 'problem_mark', None)
        out.append({'refused': str(error).split(chr(10))[0], 'line': mark.line + 1 if mark else None})
        continue
    try:
        out.append({'value': plain(value)})
    except TypeError:
        out.append({'skip': True})
print(json.dumps(out))
`;

type PyYamlAnswer =
  | { readonly value: unknown }
  | { readonly refused: string; readonly line: number | null }
  | { readonly skip: true };

function pyyaml(texts: readonly string[]): PyYamlAnswer[] {
  const run = spawnSync('/usr/bin/python3', ['-c', PYYAML_SCRIPT], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`PyYAML failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as PyYamlAnswer[];
}

type Ours = { readonly value: unknown } | { readonly refused: string; readonly line: number; readonly code: string };

function ours(text: string): Ours {
  try {
    return { value: libraryYamlSource(FILE, text, 0).value };
  } catch (error) {
    if (!isInputError(error)) throw error;
    return { refused: error.message, line: error.line ?? 0, code: error.code };
  }
}

/** JSON with every mapping's keys sorted: a `<<` merge puts the merged keys first in PyYAML, last in the library. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/**
 * Compares one text: 'same' (equal values, or both refused), 'stricter' (refused here, read by PyYAML: a duplicate
 * key, refused on purpose; a few shapes the library's parser is stricter about, such as a comment right after a
 * quoted scalar), 'skip' (a value JSON cannot carry), or what differs: a different value, or a text PyYAML refuses
 * that is read here. Those must never happen.
 */
function compare(text: string, answer: PyYamlAnswer): 'same' | 'stricter' | 'skip' | string {
  if ('skip' in answer) return 'skip';
  const mine = ours(text);
  const shown = JSON.stringify(text);
  if ('refused' in answer) {
    if (!('refused' in mine))
      return `PyYAML refuses ${shown} (${answer.refused}); we read ${JSON.stringify(mine.value)}`;
    if (mine.code === 'yaml-syntax' && !/\(column \d+\)$/.test(mine.refused)) return `no column: ${mine.refused}`;
    return 'same';
  }
  // Refusing what PyYAML reads is a clear error at a line (exit 2), never a different module list: counted, bounded.
  if ('refused' in mine) return 'stricter';
  const same = sortedJson(mine.value) === sortedJson(answer.value);
  return same
    ? 'same'
    : `PyYAML reads ${shown} as ${JSON.stringify(answer.value)}; we read ${JSON.stringify(mine.value)}`;
}

/** Compares every text with PyYAML's answer; the differences, if any. */
function differences(texts: readonly string[]): { differ: string[]; seen: Record<string, number> } {
  const answers = pyyaml(texts);
  const differ: string[] = [];
  const seen: Record<string, number> = { same: 0, stricter: 0, skip: 0, refused: 0 };
  texts.forEach((text, index) => {
    const answer = answers[index];
    if (!answer) return;
    if ('refused' in answer) seen.refused = (seen.refused ?? 0) + 1;
    const verdict = compare(text, answer);
    if (verdict === 'same' || verdict === 'stricter' || verdict === 'skip') seen[verdict] = (seen[verdict] ?? 0) + 1;
    else differ.push(verdict);
  });
  return { differ, seen };
}

const SPECIAL = ['\u0085', '\u2028', '\u2029', '\u00a0', '\t'];

/** A generated text with one of PyYAML's special characters dropped in: in a comment, after a value, or anywhere. */
function withSpecial(random: Random): string {
  const text = generatedYaml(random);
  const char = SPECIAL[Math.floor(random() * SPECIAL.length)] ?? '\t';
  const lines = text.split('\n');
  const at = Math.floor(random() * Math.max(1, lines.length - 1));
  const line = lines[at] ?? '';
  const where = random();
  if (where < 0.4) lines[at] = `${line} # note${char}extra: 1`;
  else if (where < 0.7) lines[at] = `${line}${char}`;
  else {
    // Anywhere in a line: not LS or PS, which PyYAML keeps inside a plain scalar that continues on the next line.
    const anywhere = char === '\u2028' || char === '\u2029' ? '\u0085' : char;
    const column = Math.floor(random() * (line.length + 1));
    lines[at] = `${line.slice(0, column)}${anywhere}${line.slice(column)}`;
  }
  return lines.join('\n');
}

describe('YAML read as PyYAML reads it', () => {
  const named: Readonly<Record<string, string>> = {
    'a module after NEL in a comment': 'tools:\n  - module: tool-a # first\u0085  - module: tool-hidden\n',
    'a module after LINE SEPARATOR in a comment': 'tools:\n  - module: tool-a # first\u2028  - module: tool-hidden\n',
    'a module after PARAGRAPH SEPARATOR in a comment': 'tools:\n  - module: tool-a # x\u2029  - module: tool-hidden\n',
    'a settings override after LS in a comment': 'sources: # x\u2028  modules:\n    tool-a: ./here\n',
    'a trailing non-breaking space': 'tools:\n  - module: tool-a\n    source: ./mod\u00a0\n',
    'a line indented with non-breaking spaces': 'tools:\n  - module: tool-a\n\u00a0\u00a0- module: tool-b\n',
    'a tab after module:': 'tools:\n  - module:\ttool-a\n',
    'a tab after -': 'tools:\n  -\tmodule: tool-a\n',
    'a tab indenting a line': 'tools:\n\t- module: tool-a\n',
    'a tab inside a quoted scalar and a comment': 'a: "x\ty" # c\td\nb: |\n  p\tq\n',
    'LS inside a double-quoted scalar': 'a: "x\u2028y"\n',
    'NEL inside a single-quoted scalar': "a: 'x\u0085y'\n",
    'CRLF line ends': 'tools:\r\n  - module: tool-a\r\n',
    'a value with no key after LS': 'k: v # c\u2028: x\n',
    'a block scalar ending the text': 'a: |\n  x\n  true',
  };

  it('agrees with PyYAML on the texts the issue named', () => {
    expect(differences(Object.values(named)).differ).toEqual([]);
    expect(ours(named['a module after LINE SEPARATOR in a comment'] ?? '')).toEqual({
      value: { tools: [{ module: 'tool-a' }, { module: 'tool-hidden' }] },
    });
    expect(ours(named['a trailing non-breaking space'] ?? '')).toEqual({
      value: { tools: [{ module: 'tool-a', source: './mod\u00a0' }] },
    });
    expect(ours(named['a tab after module:'] ?? '')).toMatchObject({
      line: 2,
      refused: expect.stringMatching(/tab .*\(column 12\)$/),
    });
  });

  it('agrees with PyYAML on 3,000 generated texts, half of them with NEL, LS, PS, NBSP or a tab', {
    timeout: 120_000,
  }, () => {
    const random = seededRandom(20261207);
    const texts = Array.from({ length: 3000 }, (_, index) =>
      index % 2 === 0 ? generatedYaml(random) : withSpecial(random),
    );
    const { differ, seen } = differences(texts);
    expect(differ.slice(0, 5)).toEqual([]);
    expect(seen.stricter).toBeLessThan(texts.length / 20);
    // Both readings and refusals must be exercised, or the comparison proves nothing.
    expect(seen.same).toBeGreaterThan(2000);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
