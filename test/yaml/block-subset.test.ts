/**
 * The block subset must read every text it accepts exactly as the YAML library does: the same value, the same line
 * for every path (present or not), the same located tree. Checked on the shapes real files have, on each class of
 * text it must decline, on every profile, bundle and settings file in this repository, and on thousands of
 * generated texts mixing the subset with what lies just outside it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFrontMatter } from '../../src/declare/declaration-file.js';
import { readBlockSubset } from '../../src/yaml/block-subset.js';
import { subsetLineOf, subsetLocated, subsetPlainValue } from '../../src/yaml/block-subset-views.js';
import { libraryLocatedYaml, libraryYamlSource } from '../../src/yaml/yaml-library.js';
import type { YamlPath } from '../../src/yaml/yaml-types.js';
import { generatedYaml, seededRandom } from './generated-yaml.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FILE = '/w/profile.md';

/** Every path into a value, plus paths that miss (a wrong key, an index past the end, a step into a scalar). */
function pathsOf(value: unknown, prefix: YamlPath = []): YamlPath[] {
  const out: YamlPath[] = [prefix, [...prefix, 'no-such-key'], [...prefix, 99]];
  if (Array.isArray(value)) {
    out.push([...prefix, '0']);
    value.forEach((item, index) => {
      out.push(...pathsOf(item, [...prefix, index]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...prefix, key]));
  }
  return out;
}

/** Asserts that the subset's reading of `text` equals the library's; returns whether the subset accepted it. */
function agreesWithLibrary(text: string, lineOffset = 0): boolean {
  const subset = readBlockSubset(text);
  if (subset === null) return false;
  const library = libraryYamlSource(FILE, text, lineOffset);
  const value = subsetPlainValue(subset);
  expect(value, text).toEqual(library.value);
  for (const path of pathsOf(library.value)) {
    expect(subsetLineOf(subset, path) + lineOffset, `${JSON.stringify(path)} in\n${text}`).toBe(library.lineOf(path));
  }
  expect(subsetLocated(subset, FILE, 0), text).toEqual(libraryLocatedYaml(text, FILE));
  return true;
}

const ACCEPTED: Readonly<Record<string, string>> = {
  profile: [
    'profile:',
    '  name: dev',
    '  version: 1.0.0',
    '  description: 50 modules, served locally',
    'session:',
    '  orchestrator:',
    '    module: loop-streaming',
    '    source: git+https://github.com/microsoft/amplifier-module-loop-streaming@main',
    'tools:',
    '  - module: tool-filesystem   # pinned below',
    '    source: ./modules/tool-filesystem',
    '    config:',
    '      allowed_paths:',
    '        - ~/work',
    '        - /tmp',
    '',
    '  # a comment between items',
    '  - module: tool-bash',
    "    source: 'git+https://github.com/microsoft/amplifier-module-tool-bash@v1.2.3'",
    '    description: "runs a shell, carefully"',
  ].join('\n'),
  'sequence at the key indentation': 'includes:\n- bundle: foundation\n- bundle: dev\nname: x\n',
  'item mapping with wider dash spacing': 'tools:\n  -   module: a\n      source: ./a\n',
  'empty values': 'config:\nhooks:\n  - module: h\n    config:\n',
  'quotes inside plain scalars': 'description: don\'t stop, it\'s "fine"\n',
  'single-quoted with an escaped quote': "name: 'it''s here'  # trailing\n",
  'colon without a space': 'source: git+ssh://git@host:org/repo@main\n',
  'a top-level sequence': '- one\n- two\n',
  'unicode text': 'description: Café — ünïcode 🎉\n',
  'numbers, booleans and nulls as PyYAML reads them':
    'max_tokens: 300000\ncompact_threshold: 0.8\nraw: true\ndebug: Off\nnone: ~\nnothing: NULL\nzero: 0\n',
  'braces inside a plain scalar': 'template: ~/.amplifier/projects/{project}/sessions/{id}.jsonl\n',
  'empty and simple flow collections': 'rules: []\npaths: {}\nexclude_tools: [tool-delegate, tool-task]  # note\n',
  'literal blocks': [
    'bundle:',
    '  description: |',
    '    First line.',
    '    ',
    '    # not a comment',
    '      more indented',
    '',
    '  note: |-',
    '    kept without the last break',
    'next: x',
  ].join('\n'),
};

const DECLINED: Readonly<Record<string, string>> = {
  'negative number': 'offset: -1\n',
  'leading zero (octal to YAML 1.1)': 'mode: 0755\n',
  exponent: 'rate: 1e3\n',
  'underscore in a number': 'size: 1_000\n',
  'sexagesimal number': 'time: 1:20\n',
  'y and n': 'answer: y\n',
  'boolean key': 'on: true\n',
  anchor: 'a: &x value\nb: *x\n',
  tag: 'a: !str 1\n',
  'flow sequence of other than words': 'tools: [a, 1]\n',
  'flow mapping': 'config: {a: 1}\n',
  'nested flow': 'tools: [a, [b]]\n',
  'literal block keeping trailing lines': 'instruction: |+\n  text\n\n',
  'literal block with an indentation indicator': 'instruction: |2\n  text\n',
  'literal block less indented after its first line': 'a:\n  b: |\n      one\n     two\n',
  'literal block as an item': 'list:\n  - |\n    text\n',
  'folded block': 'instruction: >\n  text\n',
  'multi-line plain': 'description: a long\n  text\n',
  'multi-line quoted': 'description: "a long\n  text"\n',
  'escape in double quotes': 'path: "a\\tb"\n',
  'duplicate key': 'a: x\na: y\n',
  tab: 'a:\n\tb: x\n',
  'carriage return': 'a: x\r\nb: y\r\n',
  'byte order mark': '\ufeffa: x\n',
  'merge key': 'base:\n  a: x\nother:\n  <<: x\n',
  'complex key': '? a\n: b\n',
  'document marker': '---\na: x\n',
  directive: '%YAML 1.1\n---\na: x\n',
  'quoted key': '"a": x\n',
  'prototype key': '__proto__: x\n',
  'nested mapping in a value': 'description: Note: this\n',
  'empty item': 'tools:\n  -\n    module: a\n',
  'compact nested sequence': 'a:\n  - - x\n',
  'indentation that does not line up': 'a:\n  b: x\n   c: y\n',
  'indented top level': '  a: x\n',
  'timestamp-like': 'date: 2001-12-14\n',
  'next-line line separator': 'a: x\u2028b: y\n',
  'empty document': '# only a comment\n',
};

describe('block subset', () => {
  for (const [name, text] of Object.entries(ACCEPTED)) {
    it(`reads ${name} as the YAML library does`, () => {
      expect(agreesWithLibrary(text)).toBe(true);
    });
  }

  for (const [name, text] of Object.entries(DECLINED)) {
    it(`leaves ${name} to the YAML library`, () => {
      expect(readBlockSubset(text)).toBeNull();
    });
  }

  it('reads front matter with the lines of the file around it', () => {
    const { yaml, lineOffset } = extractFrontMatter(
      '---\nprofile:\n  name: x\ntools:\n  - module: a\n---\n# body\n',
      FILE,
    );
    expect(agreesWithLibrary(yaml, lineOffset)).toBe(true);
  });

  it('agrees with the library on every profile, bundle and settings file in this repository', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(?:md|ya?ml)$/.test(name)) files.push(path);
      }
    };
    walk(join(REPO_ROOT, 'examples'));
    walk(join(REPO_ROOT, 'test', 'fixtures'));
    let accepted = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (file.endsWith('.md') && !text.startsWith('---\n')) continue;
      const { yaml, lineOffset } = file.endsWith('.md')
        ? extractFrontMatter(text, file)
        : { yaml: text, lineOffset: 0 };
      if (agreesWithLibrary(yaml, lineOffset)) accepted++;
    }
    // The bundled examples are the shape the subset is for.
    expect(
      readBlockSubset(
        extractFrontMatter(readFileSync(join(REPO_ROOT, 'examples/profiles/demo.md'), 'utf8'), FILE).yaml,
      ),
    ).not.toBeNull();
    expect(accepted).toBeGreaterThan(0);
  });

  it('agrees with the library on 4,000 generated texts in and around the subset', () => {
    const random = seededRandom(20261129);
    let accepted = 0;
    let declined = 0;
    for (let n = 0; n < 4000; n++) {
      const text = generatedYaml(random);
      if (agreesWithLibrary(text)) accepted++;
      else declined++;
    }
    // Both sides must be exercised, or the comparison proves nothing.
    expect(accepted).toBeGreaterThan(800);
    expect(declined).toBeGreaterThan(800);
  });
});
