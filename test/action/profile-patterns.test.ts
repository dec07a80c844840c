import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandBraces, expandGlob, expandProfilePatterns, segmentMatcher } from '../../src/action/profile-patterns.js';
import { InputError } from '../../src/errors.js';

let root: string;
const FILES = [
  '.amplifier/profiles/dev.md',
  '.amplifier/profiles/base.md',
  '.amplifier/bundles/x/bundle.yaml',
  'bundles/a/bundle.md',
  'bundles/a/nested/deep/bundle.md',
  'bundles/b/bundle.yml',
  'bundles/.hidden/bundle.md',
  'node_modules/pkg/bundle.md',
  'profiles/p1.md',
  'profiles/p2.md',
  'profiles/p10.md',
];

beforeAll(async () => {
  root = await fsp.realpath(await fsp.mkdtemp(join(tmpdir(), 'am-globs-')));
  for (const file of FILES) {
    await fsp.mkdir(dirname(join(root, file)), { recursive: true });
    await fsp.writeFile(join(root, file), 'x');
  }
  // A link back up the tree must not make `**` loop forever.
  await fsp.symlink(root, join(root, 'bundles', 'loop'));
});

afterAll(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

const rel = (paths: string[]) => paths.map((path) => path.slice(root.length + 1));

describe('expandGlob', () => {
  it('matches one segment with * and ?', async () => {
    expect(rel(await expandGlob('profiles/p?.md', root))).toEqual(['profiles/p1.md', 'profiles/p2.md']);
    expect(rel(await expandGlob('profiles/*.md', root))).toEqual([
      'profiles/p1.md',
      'profiles/p10.md',
      'profiles/p2.md',
    ]);
  });

  it('walks any depth with **, skipping hidden directories, node_modules and links', async () => {
    expect(rel(await expandGlob('**/bundle.md', root))).toEqual([
      'bundles/a/bundle.md',
      'bundles/a/nested/deep/bundle.md',
    ]);
  });

  it('enters hidden directories named explicitly, and supports braces and classes', async () => {
    expect(rel(await expandGlob('.amplifier/*/*.md', root))).toEqual([
      '.amplifier/profiles/base.md',
      '.amplifier/profiles/dev.md',
    ]);
    expect(rel(await expandGlob('bundles/*/bundle.{md,yml}', root))).toEqual([
      'bundles/a/bundle.md',
      'bundles/b/bundle.yml',
    ]);
    expect(rel(await expandGlob('profiles/p[12].md', root))).toEqual(['profiles/p1.md', 'profiles/p2.md']);
    expect(rel(await expandGlob('profiles/p[!1].md', root))).toEqual(['profiles/p2.md']);
  });

  it('takes absolute patterns as they are', async () => {
    expect(await expandGlob(`${root}/profiles/p1*.md`, '/nowhere')).toEqual([
      join(root, 'profiles/p1.md'),
      join(root, 'profiles/p10.md'),
    ]);
  });
});

describe('expandProfilePatterns', () => {
  it('keeps the written order, sorts within a glob and drops duplicates', async () => {
    const files = await expandProfilePatterns(['profiles/p2.md', 'profiles/*.md', '.amplifier/profiles/dev.md'], root);
    expect(rel(files)).toEqual(['profiles/p2.md', 'profiles/p1.md', 'profiles/p10.md', '.amplifier/profiles/dev.md']);
  });

  it('keeps a plain path that does not exist, for the loader to report', async () => {
    expect(await expandProfilePatterns(['missing.md'], root)).toEqual([join(root, 'missing.md')]);
  });

  it('fails when a glob matches nothing', async () => {
    await expect(expandProfilePatterns(['nothing/*.md'], root)).rejects.toBeInstanceOf(InputError);
  });

  // 20 groups are 2^20 paths: that ran for minutes; it must be refused before the work, naming the input.
  it('refuses a brace bomb at once, naming the input', { timeout: 5_000 }, async () => {
    const bomb = `profiles/${'{a,b}'.repeat(20)}.md`;
    await expect(expandProfilePatterns([bomb], root)).rejects.toMatchObject({
      code: 'usage',
      message: `the \`profile\` input line '${bomb}' expands to more than 256 alternatives`,
    });
    expect(expandBraces('{a,b}'.repeat(8))).toHaveLength(256);
  });

  it('walks a tree once however many ** are written, and bounds what one pattern may read', {
    timeout: 10_000,
  }, async () => {
    expect(rel(await expandGlob(`${'**/'.repeat(30)}bundle.md`, root))).toEqual(
      rel(await expandGlob('**/bundle.md', root)),
    );
    const wide = await fsp.mkdtemp(join(tmpdir(), 'am-globs-wide-'));
    try {
      await Promise.all(Array.from({ length: 1_001 }, (_, index) => fsp.writeFile(join(wide, `p${index}.md`), '')));
      await expect(expandProfilePatterns(['*.md'], wide)).rejects.toMatchObject({
        message: "the `profile` input line '*.md' matches more than 1000 files",
      });
    } finally {
      await fsp.rm(wide, { recursive: true, force: true });
    }
  });
});

describe('pattern pieces', () => {
  it('expands braces and builds segment matchers', () => {
    expect(expandBraces('a/{b,c}/{d,e}.md')).toEqual(['a/b/d.md', 'a/b/e.md', 'a/c/d.md', 'a/c/e.md']);
    expect(segmentMatcher('*.md')('.hidden.md')).toBe(false);
    expect(segmentMatcher('.*.md')('.hidden.md')).toBe(true);
    expect(segmentMatcher('a+b(1).md')('a+b(1).md')).toBe(true);
    expect(segmentMatcher('+(a).md')('a.md')).toBe(false);
    expect(segmentMatcher('[!b]*.md')('a.md')).toBe(true);
    expect(segmentMatcher('[!b]*.md')('b.md')).toBe(false);
  });
});
