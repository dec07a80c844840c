/**
 * Turns a source as written (string or object, docs/formats.md, "Source values") into a typed `Source`.
 * Strings are classified by prefix: `git+` is git, path-like is file, anything else is an installed package.
 */
import { InputError } from '../errors.js';
import type { FileSource, GitSource, PackageSource, RawSource, Source } from '../model.js';
import { isFileSourceString, resolveFileSourcePath } from './file-path.js';
import { isCommitSha, parseGitUri, type SourceLocation } from './git-uri.js';

export interface SourceContext {
  /** The module id, for error messages. */
  readonly id: string;
  /** Directory relative file sources are resolved against (the file that wrote the source). */
  readonly baseDir: string | null;
  readonly file?: string | undefined;
  readonly line?: number | undefined;
}

// PEP 508 distribution names.
const PACKAGE_NAME = /^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;

function where(ctx: SourceContext): SourceLocation {
  return { file: ctx.file, line: ctx.line };
}

function gitFromUri(uri: string, ctx: SourceContext): GitSource {
  const parsed = parseGitUri(uri, where(ctx));
  return {
    type: 'git',
    uri,
    url: parsed.url,
    ref: parsed.ref,
    subdirectory: parsed.subdirectory,
    commit: isCommitSha(parsed.ref) ? parsed.ref.toLowerCase() : null,
  };
}

function fileFromPath(uri: string, ctx: SourceContext): FileSource {
  return { type: 'file', uri, path: resolveFileSourcePath(uri, ctx.baseDir, where(ctx)) };
}

function packageFromName(name: string, ctx: SourceContext): PackageSource {
  if (name.includes('://'))
    throw new InputError('invalid-source', `source '${name}' of module '${ctx.id}' is a URL without 'git+'`, {
      ...where(ctx),
      fix: `write it as git+${name} (a git repository) or file:///path (a local directory)`,
    });
  if (!PACKAGE_NAME.test(name))
    throw new InputError(
      'invalid-source',
      `source '${name}' of module '${ctx.id}' is neither a git URI, a path nor a package name`,
      {
        ...where(ctx),
        fix: 'use git+https://host/org/repo@ref, ./relative/dir, /absolute/dir or an installed distribution name',
      },
    );
  return { type: 'package', uri: name, name };
}

function parseString(value: string, ctx: SourceContext): Source {
  const trimmed = value.trim();
  if (trimmed === '')
    throw new InputError('invalid-source', `source of module '${ctx.id}' is empty`, {
      ...where(ctx),
      fix: 'remove the source key or give a git URI, path or package name',
    });
  if (trimmed.startsWith('git+')) return gitFromUri(trimmed, ctx);
  if (isFileSourceString(trimmed)) return fileFromPath(trimmed, ctx);
  return packageFromName(trimmed, ctx);
}

function requireString(object: { readonly [key: string]: unknown }, key: string, ctx: SourceContext): string {
  const value = object[key];
  if (typeof value !== 'string' || value.trim() === '')
    throw new InputError('invalid-source', `source object of module '${ctx.id}' needs a string '${key}'`, {
      ...where(ctx),
      fix: `add ${key}: <value> to the source`,
    });
  return value.trim();
}

function optionalString(object: { readonly [key: string]: unknown }, key: string, ctx: SourceContext): string | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new InputError('invalid-source', `'${key}' in the source of module '${ctx.id}' must be a string`, {
      ...where(ctx),
      fix: `write ${key}: "<value>"`,
    });
  return value.trim() === '' ? null : value.trim();
}

/** `{type: git, url, ref?, subdirectory?}`: built into a URI and parsed like the string form. */
function parseGitObject(object: { readonly [key: string]: unknown }, ctx: SourceContext): GitSource {
  const rawUrl = requireString(object, 'url', ctx);
  const ref = optionalString(object, 'ref', ctx);
  const subdirectory = optionalString(object, 'subdirectory', ctx);
  const url = rawUrl.startsWith('git+') ? rawUrl : `git+${rawUrl}`;
  const urlAlone = parseGitUri(url, where(ctx));
  if (ref !== null && urlAlone.refGiven)
    throw new InputError('invalid-source', `source of module '${ctx.id}' gives a ref both in 'url' and in 'ref'`, {
      ...where(ctx),
      fix: `remove '@${urlAlone.ref}' from the url or remove the ref key`,
    });
  if (subdirectory !== null && urlAlone.subdirectory !== null)
    throw new InputError('invalid-source', `source of module '${ctx.id}' gives a subdirectory twice`, {
      ...where(ctx),
      fix: 'keep only the subdirectory key',
    });
  const refPart = ref !== null ? `@${ref}` : '';
  const subPart = subdirectory !== null ? `#subdirectory=${subdirectory}` : '';
  return gitFromUri(`${url}${refPart}${subPart}`, ctx);
}

/**
 * Parses a source value. Throws `InputError`: `invalid-source-type` for an object with another `type`,
 * `invalid-source` / `unsafe-source` for malformed or dangerous values.
 */
export function parseSource(raw: RawSource, ctx: SourceContext): Source {
  if (typeof raw === 'string') return parseString(raw, ctx);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError('invalid-source', `source of module '${ctx.id}' must be a string or a mapping`, {
      ...where(ctx),
      fix: 'write source: git+https://host/org/repo@ref, or {type: git, url: ...}',
    });
  const type = raw.type;
  switch (type) {
    case 'git':
      return parseGitObject(raw, ctx);
    case 'file':
      return fileFromPath(requireString(raw, 'path', ctx), ctx);
    case 'package':
      return packageFromName(requireString(raw, 'name', ctx), ctx);
    default:
      throw new InputError(
        'invalid-source-type',
        `Invalid source type '${typeof type === 'string' ? type : String(type)}' for module '${ctx.id}'`,
        { ...where(ctx), fix: 'use type: git (url, ref), type: file (path) or type: package (name)' },
      );
  }
}
