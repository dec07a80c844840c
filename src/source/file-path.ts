/**
 * File sources (docs/formats.md, "Source values"): `file:///abs`, `/abs`, `./rel`, `../rel`, and the Windows forms
 * `C:\x`, `C:/x`, `\\server\share`. Relative paths are resolved against the directory of the file that wrote them.
 */
import { resolve, win32 } from 'node:path';
import { InputError } from '../errors.js';
import { checkSubdirectory, type SourceLocation } from './git-uri.js';

/** Paths may hold spaces, never control characters. */
function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/;

/** True for a Windows absolute path (drive letter or backslash UNC), whatever OS we run on. */
export function isWindowsAbsolutePath(value: string): boolean {
  return WINDOWS_DRIVE.test(value) || value.startsWith('\\\\');
}

/** True when the string form of a source names a local directory. */
export function isFileSourceString(value: string): boolean {
  return (
    value.startsWith('file://') ||
    value.startsWith('/') ||
    value.startsWith('./') ||
    value.startsWith('../') ||
    isWindowsAbsolutePath(value)
  );
}

/** The part of a `file://` URI that is the path; `file://localhost/x` is `/x`. */
function fileUriPath(value: string, where: SourceLocation): string {
  const rest = value.slice('file://'.length).split('#')[0] ?? '';
  let path = rest;
  if (rest.startsWith('localhost/')) path = rest.slice('localhost'.length);
  else if (!rest.startsWith('/'))
    throw new InputError('invalid-source', `file URI '${value}' is not absolute`, {
      file: where.file,
      line: where.line,
      fix: 'write it as file:///absolute/path, or use ./relative/path',
    });
  try {
    path = decodeURIComponent(path);
  } catch {
    throw new InputError('invalid-source', `file URI '${value}' has a malformed %-escape`, {
      file: where.file,
      line: where.line,
      fix: 'write the path without %-escapes',
    });
  }
  // file:///C:/x is a Windows drive path.
  return /^\/[A-Za-z]:[\\/]/.test(path) ? path.slice(1) : path;
}

/** `file:///repo#subdirectory=pkg` names `/repo/pkg`, as amplifier-foundation reads it. */
function fileUriSubdirectory(value: string, where: SourceLocation): string | null {
  const hash = value.indexOf('#');
  if (hash < 0) return null;
  const part = value
    .slice(hash + 1)
    .split('&')
    .find((item) => item.startsWith('subdirectory='));
  return part === undefined ? null : checkSubdirectory(part.slice('subdirectory='.length), value, where);
}

/**
 * The absolute path a file source names. Windows paths are normalised with Windows rules (they cannot be
 * resolved on another OS, but they must be reported as written, not glued to the current directory).
 */
export function resolveFileSourcePath(value: string, baseDir: string | null, where: SourceLocation = {}): string {
  if (hasControlCharacter(value))
    throw new InputError('unsafe-source', `file source contains control characters`, {
      file: where.file,
      line: where.line,
      fix: 'remove them from the path',
    });
  const path = value.startsWith('file://') ? fileUriPath(value, where) : value;
  const subdirectory = value.startsWith('file://') ? fileUriSubdirectory(value, where) : null;
  if (isWindowsAbsolutePath(path)) return win32.join(path, subdirectory ?? '');
  if (path.startsWith('/')) return resolve(path, subdirectory ?? '');
  if (baseDir === null)
    throw new InputError('invalid-source', `relative file source '${value}' has no directory to resolve against`, {
      file: where.file,
      line: where.line,
      fix: 'use an absolute path or file:///absolute/path',
    });
  return resolve(baseDir, path);
}
