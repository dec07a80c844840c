/**
 * Shape checks for settings values: a wrongly shaped value (a list where a mapping belongs, a number where a
 * source belongs) is an `invalid-settings` InputError at the line that wrote it, with the shape to write instead.
 */
import { InputError } from '../errors.js';
import type { RawSource } from '../model.js';
import { type LocatedEntry, type LocatedValue, toPlain } from '../yaml/yaml-document.js';
import type { SettingsScope } from './settings-model.js';

/** One settings file, parsed. */
export interface ScopeDocument {
  readonly scope: SettingsScope;
  readonly file: string;
  readonly root: LocatedValue & { kind: 'map' };
}

export function shapeError(node: { file: string; line: number }, what: string, fix: string): InputError {
  return new InputError('invalid-settings', what, { file: node.file, line: node.line, fix });
}

export function describeKind(node: LocatedValue): string {
  return node.kind === 'scalar' ? (node.value === null ? 'empty' : typeof node.value) : `a ${node.kind}`;
}

/** A value of `kind`, or null when the key is absent or explicitly empty; any other shape is an error. */
function optionalOfKind<K extends 'map' | 'list'>(
  kind: K,
  entry: LocatedEntry | undefined,
  keyPath: string,
  example: string,
): (LocatedValue & { kind: K }) | null {
  if (!entry) return null;
  const { value } = entry;
  if (value.kind === kind) return value as LocatedValue & { kind: K };
  if (value.kind === 'scalar' && value.value === null) return null;
  throw shapeError(
    { file: value.file, line: entry.line },
    `'${keyPath}' must be a ${kind === 'map' ? 'mapping' : 'list'}, found ${describeKind(value)}`,
    `write it as ${example}`,
  );
}

export function optionalMap(
  entry: LocatedEntry | undefined,
  keyPath: string,
  example: string,
): (LocatedValue & { kind: 'map' }) | null {
  return optionalOfKind('map', entry, keyPath, example);
}

export function optionalList(
  entry: LocatedEntry | undefined,
  keyPath: string,
  example: string,
): (LocatedValue & { kind: 'list' }) | null {
  return optionalOfKind('list', entry, keyPath, example);
}

export function stringValue(entry: LocatedEntry, keyPath: string): string {
  const { value } = entry;
  if (value.kind === 'scalar' && typeof value.value === 'string') return value.value;
  throw shapeError(
    { file: value.file, line: entry.line },
    `'${keyPath}' must be a string, found ${describeKind(value)}`,
    `write ${keyPath.split('.').pop() ?? keyPath}: "<value>"`,
  );
}

/** A module source: a string or an object form (its fields are checked when the source is parsed). */
export function sourceValue(node: LocatedValue, line: number, keyPath: string): RawSource {
  if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
  if (node.kind === 'map') return toPlain(node) as { readonly [key: string]: unknown };
  throw shapeError(
    { file: node.file, line },
    `'${keyPath}' must be a source string or a source mapping, found ${describeKind(node)}`,
    `write ${keyPath} as git+https://host/org/repo@ref, ./relative/dir or a package name`,
  );
}

export function scopeOfFile(docs: readonly ScopeDocument[], file: string): SettingsScope {
  return docs.find((doc) => doc.file === file)?.scope ?? 'user';
}
