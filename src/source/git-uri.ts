/**
 * Parses `git+<transport>://[userinfo@]host/path[@ref][#subdirectory=dir]` the way amplifier-foundation does
 * (docs/formats.md, "Source values"): the authority ends at the first `/`, so a `git@` user is never mistaken for a
 * ref; the ref is whatever follows the first `@` of the *path* (refs may contain `/` and `@`); `#subdirectory=` is the
 * only fragment key that means anything.
 *
 * Every value here ends up on a git command line or in a file path, so anything that could be read as an option, a
 * revision expression, another transport or a path escape is refused with an `unsafe-source` InputError.
 */
import { InputError } from '../errors.js';
import { maskUserinfo } from '../secrets.js';

export interface ParsedGitUri {
  /** What git is given: `<transport>://<authority><path>` without `git+`, ref or fragment. */
  readonly url: string;
  /** The ref as written, or `main` when none was given. */
  readonly ref: string;
  readonly refGiven: boolean;
  /** Normalised relative directory (no `.`/`..` segments, no trailing `/`), or null. */
  readonly subdirectory: string | null;
  /** The transport without `git+`: https, http, ssh, git or file. */
  readonly scheme: string;
  /** Host name (and port) without userinfo; empty for `file`. */
  readonly host: string;
  /** The repository path (starts with `/`), without the ref. */
  readonly path: string;
  /** Fragment parts other than `subdirectory=`: upstream ignores them, callers may warn. */
  readonly ignoredFragment: string | null;
}

export interface SourceLocation {
  readonly file?: string | undefined;
  readonly line?: number | undefined;
}

const ALLOWED_TRANSPORTS: readonly string[] = ['https', 'http', 'ssh', 'git', 'file'];
const DEFAULT_REF = 'main';
const COMMIT_SHA = /^[0-9a-f]{40}$/i;
// Characters git's check-ref-format forbids; several of them are revision syntax (`main~1`, `v1^{}`, `HEAD:path`).
const REF_FORBIDDEN = /[~^:?*[\\]/;
const HOST_NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
// `user@host:path` (scp-like) is valid for git but not a URL; upstream cannot parse it either.
const SCP_LIKE = /^[^/:@]+@[^/:]+:/;

/** True when `text` has a C0/C1 control character, DEL or any whitespace (git and shells split or stop on these). */
export function hasControlOrSpace(text: string): boolean {
  if (/\s/u.test(text)) return true;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function unsafe(message: string, where: SourceLocation, fix: string): InputError {
  return new InputError('unsafe-source', message, { file: where.file, line: where.line, fix });
}

function invalid(message: string, where: SourceLocation, fix: string): InputError {
  return new InputError('invalid-source', message, { file: where.file, line: where.line, fix });
}

/** A full 40-hex commit id: the only ref that needs no `ls-remote`. */
export function isCommitSha(ref: string): boolean {
  return COMMIT_SHA.test(ref);
}

/** Rejects refs git would read as an option, a revision expression or a malformed name. */
export function checkRef(ref: string, shown: string, where: SourceLocation): void {
  const fix = 'use a branch, tag or 40-hex commit name, e.g. @main, @v1.2.0 or @feat/x';
  if (ref.length === 0) throw invalid(`empty ref after '@' in '${shown}'`, where, fix);
  if (ref.startsWith('-')) throw unsafe(`ref '${ref}' in '${shown}' starts with '-'`, where, fix);
  if (hasControlOrSpace(ref)) throw unsafe(`ref in '${shown}' contains whitespace or control characters`, where, fix);
  if (REF_FORBIDDEN.test(ref) || ref.includes('..') || ref.includes('@{') || ref.includes('//'))
    throw unsafe(`ref '${ref}' in '${shown}' is not a plain git ref name`, where, fix);
  if (ref.startsWith('/') || ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock'))
    throw unsafe(`ref '${ref}' in '${shown}' is not a valid git ref name`, where, fix);
  if (ref.split('/').some((part) => part.startsWith('.')))
    throw unsafe(`ref '${ref}' in '${shown}' has a component starting with '.'`, where, fix);
}

/** Normalises `#subdirectory=`; refuses anything that could leave the clone. */
export function checkSubdirectory(raw: string, shown: string, where: SourceLocation): string | null {
  const fix = 'write the subdirectory relative to the repository root, e.g. #subdirectory=modules/tool-x';
  if (hasControlOrSpace(raw))
    throw unsafe(`subdirectory in '${shown}' contains whitespace or control characters`, where, fix);
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw invalid(`subdirectory '${raw}' in '${shown}' has a malformed %-escape`, where, fix);
  }
  for (const form of [raw, decoded]) {
    if (/^[/\\]/.test(form) || /^[A-Za-z]:/.test(form))
      throw unsafe(`subdirectory '${raw}' in '${shown}' is an absolute path`, where, fix);
    if (form.split(/[/\\]/).some((segment) => segment === '..'))
      throw unsafe(`subdirectory '${raw}' in '${shown}' contains a '..' segment`, where, fix);
  }
  const segments = raw.split(/[/\\]/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment.startsWith('-')))
    throw unsafe(`subdirectory '${raw}' in '${shown}' has a segment starting with '-'`, where, fix);
  return segments.length > 0 ? segments.join('/') : null;
}

function splitFragment(
  fragment: string | null,
  shown: string,
  where: SourceLocation,
): { subdirectory: string | null; ignored: string | null } {
  if (fragment === null || fragment === '') return { subdirectory: null, ignored: null };
  let subdirectory: string | null = null;
  const ignored: string[] = [];
  for (const part of fragment.split('&')) {
    if (part.startsWith('subdirectory=')) {
      subdirectory = checkSubdirectory(part.slice('subdirectory='.length), shown, where);
    } else if (part !== '') {
      ignored.push(part);
    }
  }
  return { subdirectory, ignored: ignored.length > 0 ? ignored.join('&') : null };
}

function checkAuthority(scheme: string, authority: string, shown: string, where: SourceLocation): string {
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : null;
  const host = at >= 0 ? authority.slice(at + 1) : authority;
  if (userinfo !== null && (userinfo === '' || userinfo.startsWith('-')))
    throw unsafe(`user name in '${shown}' is empty or starts with '-'`, where, 'write the user as user@host');
  if (scheme === 'file') {
    if (host !== '' && host !== 'localhost')
      throw unsafe(
        `git+file URI '${shown}' names a host ('${host}')`,
        where,
        'write a local repository as git+file:///absolute/path',
      );
    return '';
  }
  if (host === '') throw unsafe(`git URI '${shown}' has no host`, where, 'write it as git+https://host/org/repo@ref');
  if (host.startsWith('-') || !HOST_NAME.test(host)) {
    // A password holding an unescaped '/', '#' or '?' ends the authority early and looks like the host: never quote it.
    if (userinfo === null && host.includes(':'))
      throw unsafe(
        `'${shown}' has no valid host name before its first '/', '#' or '?'`,
        where,
        "if it holds user:password, percent-encode '/', '#', '?' and '@' in the password (%2F, %23, %3F, %40)",
      );
    throw unsafe(
      `host '${host}' in '${shown}' is not a valid host name`,
      where,
      'write it as git+https://host/org/repo',
    );
  }
  return host;
}

/**
 * Parses a `git+` URI. Throws `InputError` (`invalid-source` for malformed values, `unsafe-source` for values that
 * could make git do something other than fetch a repository) naming `where` when given.
 */
export function parseGitUri(uri: string, where: SourceLocation = {}): ParsedGitUri {
  const shown = maskUserinfo(uri);
  if (!uri.startsWith('git+'))
    throw invalid(`'${shown}' is not a git URI`, where, 'start it with git+https://, git+ssh://, git+file:// ...');
  if (hasControlOrSpace(uri))
    throw unsafe(`git URI '${shown}' contains whitespace or control characters`, where, 'remove them');
  const rest = uri.slice('git+'.length);
  if (rest.startsWith('-'))
    throw unsafe(`git URI '${shown}' starts with '-' after git+`, where, 'write git+https://...');

  const transportEnd = rest.indexOf('://');
  if (transportEnd < 0) {
    if (SCP_LIKE.test(rest))
      throw invalid(
        `'${shown}' uses the scp-like form user@host:path, which is not a URL`,
        where,
        `write it as git+ssh://${rest.replace(':', '/')}`,
      );
    throw unsafe(
      `'${shown}' does not use an allowed transport (${ALLOWED_TRANSPORTS.join(', ')})`,
      where,
      'use git+https://host/org/repo@ref',
    );
  }
  const scheme = rest.slice(0, transportEnd).toLowerCase();
  if (!ALLOWED_TRANSPORTS.includes(scheme))
    throw unsafe(
      `transport '${rest.slice(0, transportEnd)}' in '${shown}' is not allowed (allowed: ${ALLOWED_TRANSPORTS.join(', ')})`,
      where,
      'use git+https://host/org/repo@ref',
    );

  const afterTransport = rest.slice(transportEnd + 3);
  const hash = afterTransport.indexOf('#');
  const beforeFragment = hash >= 0 ? afterTransport.slice(0, hash) : afterTransport;
  const fragment = hash >= 0 ? afterTransport.slice(hash + 1) : null;
  if (beforeFragment.includes('?'))
    throw invalid(`git URI '${shown}' has a query string ('?')`, where, 'remove the ?... part; git URLs take none');

  const slash = beforeFragment.indexOf('/');
  const authority = slash >= 0 ? beforeFragment.slice(0, slash) : beforeFragment;
  const pathWithRef = slash >= 0 ? beforeFragment.slice(slash) : '';
  const host = checkAuthority(scheme, authority, shown, where);

  const at = pathWithRef.indexOf('@');
  const path = at >= 0 ? pathWithRef.slice(0, at) : pathWithRef;
  const refGiven = at >= 0;
  const ref = refGiven ? pathWithRef.slice(at + 1) : DEFAULT_REF;
  if (path.replace(/\/+$/, '') === '')
    throw invalid(`git URI '${shown}' has no repository path`, where, 'write it as git+https://host/org/repo@ref');
  if (path.split('/').some((segment) => segment === '..'))
    throw unsafe(
      `repository path in '${shown}' contains a '..' segment`,
      where,
      'write the repository path without ..',
    );
  if (refGiven) checkRef(ref, shown, where);

  const { subdirectory, ignored } = splitFragment(fragment, shown, where);
  return {
    url: `${scheme}://${authority}${path}`,
    ref,
    refGiven,
    subdirectory,
    scheme,
    host,
    path,
    ignoredFragment: ignored,
  };
}

/**
 * For places that skip a git URI they cannot use (bundle includes, registered bundles, as upstream does): a URI that
 * is merely malformed may be skipped, but one that could make git do something else is bad input, refused at `where`.
 */
export function refuseUnsafeGitUri(uri: string, where: SourceLocation): void {
  try {
    parseGitUri(uri, where);
  } catch (error) {
    if (error instanceof InputError && error.code === 'unsafe-source') throw error;
  }
}
