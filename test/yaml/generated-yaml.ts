/**
 * Random YAML texts for the block subset's differential test: mostly the subset's own shapes, with keys, scalars,
 * indentation and line endings drawn from just outside it, so that both what it accepts and what it declines are
 * compared with the YAML library. Seeded, so a failure repeats.
 */

export type Random = () => number;

/** A small deterministic generator (mulberry32). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const KEYS = ['module', 'source', 'config', 'name', 'tools', 'a.b', 'x-y', 'max_tokens', 'path/to', '_private'];
const ODD_KEYS = ['on', 'Yes', 'null', '1', '"quoted"', '__proto__', '<<', 'a b', 'k#', '~'];
const SCALARS = [
  'main',
  'loop-streaming',
  'git+https://github.com/microsoft/amplifier-module-tool-bash@main',
  'git+ssh://git@host:org/repo@v1',
  './modules/tool-x',
  '../up/there',
  '~/home/dir',
  '/abs/path',
  '1.0.0',
  '2.10.3',
  '50 modules here',
  "it's fine",
  'a, b and c',
  'a#b',
  'Café ünïcode',
  'tool-b001 # with a comment',
  "'single quoted'",
  "'it''s'",
  '"double quoted"',
  '"with # hash" # then a comment',
  'value:with:colons',
  'a{b}c [d]',
  '~/.amplifier/projects/{project}/sessions',
  'true',
  'False',
  'ON',
  'null',
  '~',
  '0',
  '300000',
  '0.8',
  '12.50',
  '[]',
  '{}',
  '[tool-delegate]',
  '[a, b.c, d/e]',
  '[] # empty',
  '|',
  '|-',
];
const ODD_SCALARS = [
  '8080',
  '1.0',
  '-3',
  '0x1F',
  '1:20',
  '.inf',
  '.5',
  'yes',
  'Off',
  'NULL',
  '~',
  'y',
  '2001-12-14',
  '2001-12-14 21:59:43.10 -5',
  '&anchor value',
  '*alias',
  '!tag value',
  '[a, b]',
  '{a: 1}',
  '[a, 1]',
  '[yes]',
  '["q"]',
  '[a, [b]]',
  '[a',
  '[a] b',
  // Characters that are indicators elsewhere, inside or after a word, and words that start like a number or boolean.
  'a :b',
  'a - b',
  'a ? b',
  'a!b&c*d|e>f%g@h`i',
  'a #b',
  '~a',
  '1 a',
  '1:2 a',
  '0x1 a',
  'true a',
  'yes please',
  'Off-road',
  'NaN',
  '.inf a',
  'C:\\x',
  'http://x:80/y',
  'a:b: c',
  '1.0.0-rc1',
  '12:30:00 x',
  '"a" # c',
  "'a'#c",
  '[ a ]',
  '[a,]',
  '[true]',
  '[1.0.0]',
  '-0',
  '-1',
  '007',
  '1e3',
  '1_000',
  '+1',
  '0.1.',
  '1234567890123456',
  '|+',
  '|2',
  '| # c',
  '>',
  '>-',
  'a: b',
  'ends with colon:',
  '-dash',
  '@at',
  '`tick',
  '%percent',
  '"escape \\" quote"',
  '"unclosed',
  "'unclosed",
  '"a" trailing',
  '#only-comment',
  '',
  '   ',
];

function key(random: Random): string {
  return random() < 0.08 ? pick(random, ODD_KEYS) : pick(random, KEYS);
}

function scalar(random: Random): string {
  return random() < 0.1 ? pick(random, ODD_SCALARS) : pick(random, SCALARS);
}

/** Lines of a block node whose first line starts at `indent`. */
function block(random: Random, indent: number, depth: number, step: number): string[] {
  return random() < 0.35 ? sequence(random, indent, depth, step) : mapping(random, indent, depth, step);
}

function mapping(random: Random, indent: number, depth: number, step: number): string[] {
  const lines: string[] = [];
  const used = new Set<string>();
  const count = 1 + Math.floor(random() * 3);
  for (let n = 0; n < count; n++) {
    let name = key(random);
    // Duplicates stay possible, but rare.
    if (used.has(name) && random() < 0.9) name = `${name}${n}`;
    used.add(name);
    lines.push(...entry(random, name, indent, depth, step));
  }
  return lines;
}

/** The lines of a block scalar's body under a key at `indent`: mostly well formed, sometimes not. */
function blockBody(random: Random, indent: number, step: number): string[] {
  const inner = indent + (random() < 0.1 ? 0 : step);
  const lines: string[] = [];
  const count = Math.floor(random() * 4);
  for (let n = 0; n < count; n++) {
    const roll = random();
    if (roll < 0.15) lines.push('');
    else if (roll < 0.25) lines.push(' '.repeat(inner + (random() < 0.5 ? 0 : 2)));
    else if (roll < 0.35) lines.push(`${' '.repeat(inner)}# not a comment here`);
    else if (roll < 0.45) lines.push(`${' '.repeat(inner + 2)}- more indented: x`);
    else if (roll < 0.5) lines.push(`${' '.repeat(Math.max(0, inner - 1))}less indented`);
    else lines.push(`${' '.repeat(inner)}${pick(random, SCALARS)}`);
  }
  return lines;
}

function entry(random: Random, name: string, indent: number, depth: number, step: number): string[] {
  const pad = ' '.repeat(indent);
  const roll = random();
  if (depth >= 3 || roll < 0.5) {
    const value = scalar(random);
    const head = `${pad}${name}: ${value}`;
    return value.startsWith('|') || value.startsWith('>') ? [head, ...blockBody(random, indent, step)] : [head];
  }
  if (roll < 0.6) return [`${pad}${name}:`];
  if (roll < 0.7) return [`${pad}${name}:`, ...sequence(random, indent, depth + 1, step)];
  // Now and then an indentation one off from the usual step.
  const child = indent + (random() < 0.05 ? step + 1 : step);
  return [`${pad}${name}:${random() < 0.1 ? '  # note' : ''}`, ...block(random, child, depth + 1, step)];
}

function sequence(random: Random, indent: number, depth: number, step: number): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  const count = 1 + Math.floor(random() * 3);
  for (let n = 0; n < count; n++) {
    const gap = random() < 0.1 ? '   ' : ' ';
    if (depth < 3 && random() < 0.5) {
      const [first = '', ...rest] = mapping(random, indent + 1 + gap.length, depth + 1, step);
      lines.push(`${pad}-${gap}${first.trimStart()}`, ...rest);
    } else {
      lines.push(`${pad}-${gap}${scalar(random)}`);
    }
  }
  return lines;
}

/** One generated text: a block document, with comments, blank lines and now and then a stray character. */
export function generatedYaml(random: Random): string {
  const step = pick(random, [2, 2, 4, 3]);
  const lines = block(random, 0, 0, step);
  const out: string[] = [];
  for (const line of lines) {
    if (random() < 0.05) out.push('');
    if (random() < 0.05) out.push(`${' '.repeat(Math.floor(random() * 6))}# a comment`);
    out.push(random() < 0.01 ? `${line}\t` : line);
  }
  const text = out.join('\n');
  const ending = random() < 0.02 ? '\r\n' : '\n';
  return ending === '\n' ? `${text}\n` : out.join(ending);
}
