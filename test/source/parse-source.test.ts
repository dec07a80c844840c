import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { RawSource } from '../../src/model.js';
import { parseSource, type SourceContext } from '../../src/source/parse-source.js';

const ctx: SourceContext = { id: 'tool-bash', baseDir: '/work/profiles', file: '/work/profiles/dev.md', line: 14 };

function failure(raw: RawSource, context = ctx): InputError {
  try {
    parseSource(raw, context);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseSource: string forms (REFERENCE 2)', () => {
  it('classifies git+ URIs as git and keeps the URI as written', () => {
    const uri = 'git+https://github.com/microsoft/amplifier-foundation@main#subdirectory=modules/tool-delegate';
    expect(parseSource(uri, ctx)).toEqual({
      type: 'git',
      uri,
      url: 'https://github.com/microsoft/amplifier-foundation',
      ref: 'main',
      subdirectory: 'modules/tool-delegate',
      commit: null,
    });
  });

  it('treats a 40-hex ref as its own commit', () => {
    const sha = 'ABCDEF0123456789abcdef0123456789abcdef01';
    const source = parseSource(`git+ssh://git@github.com/org/repo@${sha}`, ctx);
    expect(source).toMatchObject({ type: 'git', url: 'ssh://git@github.com/org/repo', commit: sha.toLowerCase() });
  });

  it('parses git+file sources', () => {
    expect(parseSource('git+file:///srv/repos/mod@feat/x', ctx)).toMatchObject({
      type: 'git',
      url: 'file:///srv/repos/mod',
      ref: 'feat/x',
    });
  });

  it('resolves file forms: file:///abs, /abs, ./rel and ../rel against the base directory', () => {
    expect(parseSource('file:///opt/modules/tool-bash', ctx)).toEqual({
      type: 'file',
      uri: 'file:///opt/modules/tool-bash',
      path: '/opt/modules/tool-bash',
    });
    expect(parseSource('file://localhost/opt/m', ctx)).toMatchObject({ path: '/opt/m' });
    expect(parseSource('file:///opt/with%20space', ctx)).toMatchObject({ path: '/opt/with space' });
    expect(parseSource('file:///opt/repo#subdirectory=modules/tool-bash', ctx)).toMatchObject({
      path: '/opt/repo/modules/tool-bash',
    });
    expect(failure('file:///opt/repo#subdirectory=../../etc').code).toBe('unsafe-source');
    expect(parseSource('/opt/modules/x/../tool-bash', ctx)).toMatchObject({
      type: 'file',
      path: '/opt/modules/tool-bash',
    });
    expect(parseSource('./modules/tool-bash', ctx)).toMatchObject({
      path: resolve('/work/profiles/modules/tool-bash'),
    });
    expect(parseSource('../shared/tool-bash', ctx)).toMatchObject({ path: resolve('/work/shared/tool-bash') });
  });

  it('recognises Windows paths as file sources, whatever OS runs the check', () => {
    expect(parseSource('C:\\Users\\dev\\tool-bash', ctx)).toMatchObject({
      type: 'file',
      path: 'C:\\Users\\dev\\tool-bash',
    });
    expect(parseSource('C:/Users/dev/tool-bash', ctx)).toMatchObject({
      type: 'file',
      path: 'C:\\Users\\dev\\tool-bash',
    });
    expect(parseSource('\\\\server\\share\\tool-bash', ctx)).toMatchObject({
      type: 'file',
      path: '\\\\server\\share\\tool-bash',
    });
    expect(parseSource('file:///C:/modules/tool-bash', ctx)).toMatchObject({ path: 'C:\\modules\\tool-bash' });
  });

  it('classifies anything else as an installed package', () => {
    expect(parseSource('amplifier-module-tool-bash', ctx)).toEqual({
      type: 'package',
      uri: 'amplifier-module-tool-bash',
      name: 'amplifier-module-tool-bash',
    });
    expect(parseSource('my_pkg.v2', ctx)).toMatchObject({ type: 'package', name: 'my_pkg.v2' });
  });

  it('rejects what is neither: a URL without git+, a non-name, an empty value, a relative path with no base', () => {
    const url = failure('https://github.com/org/repo');
    expect(url.code).toBe('invalid-source');
    expect(url.fix).toContain('git+https://github.com/org/repo');
    expect(failure('not a name!').code).toBe('invalid-source');
    expect(failure('   ').code).toBe('invalid-source');
    expect(failure('./x', { ...ctx, baseDir: null }).code).toBe('invalid-source');
    expect(failure('file://relative/dir').code).toBe('invalid-source');
  });
});

describe('parseSource: object forms', () => {
  it('builds git sources from {type: git, url, ref?, subdirectory?}', () => {
    expect(parseSource({ type: 'git', url: 'https://github.com/org/repo' }, ctx)).toMatchObject({
      type: 'git',
      uri: 'git+https://github.com/org/repo',
      url: 'https://github.com/org/repo',
      ref: 'main',
      subdirectory: null,
    });
    expect(
      parseSource(
        { type: 'git', url: 'git+ssh://git@github.com/org/repo', ref: 'release/2', subdirectory: 'pkg' },
        ctx,
      ),
    ).toMatchObject({ url: 'ssh://git@github.com/org/repo', ref: 'release/2', subdirectory: 'pkg' });
  });

  it('refuses a ref given twice and hostile parts in the object form', () => {
    expect(failure({ type: 'git', url: 'https://github.com/org/repo@v1', ref: 'v2' }).code).toBe('invalid-source');
    expect(failure({ type: 'git', url: 'https://github.com/org/repo', ref: '--upload-pack=x' }).code).toBe(
      'unsafe-source',
    );
    expect(failure({ type: 'git', url: 'https://github.com/org/repo', subdirectory: '../..' }).code).toBe(
      'unsafe-source',
    );
    expect(failure({ type: 'git', url: 'ext::sh -c x' }).code).toBe('unsafe-source');
    expect(failure({ type: 'git' }).code).toBe('invalid-source');
    expect(failure({ type: 'git', url: 'https://h.example/o/r', ref: 3 }).code).toBe('invalid-source');
  });

  it('builds file and package sources', () => {
    expect(parseSource({ type: 'file', path: './local/tool' }, ctx)).toEqual({
      type: 'file',
      uri: './local/tool',
      path: resolve('/work/profiles/local/tool'),
    });
    expect(parseSource({ type: 'package', name: 'amplifier-module-x' }, ctx)).toMatchObject({
      type: 'package',
      name: 'amplifier-module-x',
    });
  });

  it("reports another type as `Invalid source type 'X' for module 'ID'` at the declaring line", () => {
    const error = failure({ type: 'svn', url: 'svn://x' });
    expect(error.code).toBe('invalid-source-type');
    expect(error.message).toBe("Invalid source type 'svn' for module 'tool-bash'");
    expect(error.file).toBe('/work/profiles/dev.md');
    expect(error.line).toBe(14);
    expect(failure({ url: 'https://x' }).code).toBe('invalid-source-type');
  });

  it('rejects values that are neither strings nor mappings', () => {
    expect(failure(['git+https://x/y'] as unknown as RawSource).code).toBe('invalid-source');
  });
});
