import { dirname } from 'node:path';
import { InputError } from '../../errors.js';
import type { ModuleKind, Position } from '../../model.js';
import type { YamlPath, YamlSource } from '../../yaml/yaml-document.js';

/** One module entry (`{module, source?, config?, id?}`) on its way through extends/includes merging. */
export interface ModuleEntry {
  /** Merge key and reported id: `id` when the entry has one, else `module`. */
  readonly key: string;
  /** The entry mapping, as written or after merging. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The most derived place that mentions this entry. */
  readonly at: Position;
  /** Directory of the file that wrote the effective `source`. */
  readonly sourceDir: string;
}

export type ListKey = 'providers' | 'tools' | 'hooks';
export const LIST_KEYS: readonly ListKey[] = ['providers', 'tools', 'hooks'];
export const LIST_KIND: Readonly<Record<ListKey, ModuleKind>> = { providers: 'provider', tools: 'tool', hooks: 'hook' };

export type SlotKey = 'orchestrator' | 'context';
export const SLOT_KEYS: readonly SlotKey[] = ['orchestrator', 'context'];

/** Every module a profile, bundle or agent declares: the session's two slots and the three lists. */
export interface ModuleSet {
  readonly orchestrator: ModuleEntry | null;
  readonly context: ModuleEntry | null;
  readonly providers: readonly ModuleEntry[];
  readonly tools: readonly ModuleEntry[];
  readonly hooks: readonly ModuleEntry[];
}

export const EMPTY_MODULE_SET: ModuleSet = { orchestrator: null, context: null, providers: [], tools: [], hooks: [] };

const MODULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ENTRY_SHAPE = '{module, source?, config?}';
/** Leaves room under the usual 255-byte file-name limit for the `amplifier-module-` prefixes built from it. */
const MAX_ID_BYTES = 200;

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkId(value: unknown, label: string, key: string, src: YamlSource, path: YamlPath): string {
  const line = src.lineOf([...path, key]);
  if (typeof value !== 'string' || !MODULE_ID.test(value)) {
    throw new InputError(
      'invalid-module-id',
      `${label}: ${key} ${JSON.stringify(value)} is not a valid module id (letters, digits, '.', '_', '-', starting with a letter or digit; no path separators)`,
      { file: src.file, line, fix: `use the module's id, e.g. ${key}: tool-bash` },
    );
  }
  // The id names a directory (`.amplifier/modules/<id>`) and is part of the distribution's name: longer than a file
  // name may be, it can never resolve.
  if (Buffer.byteLength(value) > MAX_ID_BYTES) {
    throw new InputError(
      'invalid-module-id',
      `${label}: ${key} is ${Buffer.byteLength(value)} bytes long; a module id names a directory and may be at most ${MAX_ID_BYTES}`,
      { file: src.file, line, fix: `use the module's real id, e.g. ${key}: tool-bash` },
    );
  }
  return value;
}

/** Validates one entry mapping and records where it was written. */
export function readModuleEntry(
  src: YamlSource,
  path: YamlPath,
  label: string,
  value: unknown,
  moduleOptional = false,
): ModuleEntry {
  const line = src.lineOf(path);
  if (!isMapping(value)) {
    throw new InputError('invalid-type', `${label} must be a mapping ${ENTRY_SHAPE}`, {
      file: src.file,
      line,
      fix: `write it as \`module: <id>\` with an optional \`source:\` and \`config:\``,
    });
  }
  const hasModule = 'module' in value && value.module !== null && value.module !== undefined;
  if (!hasModule && moduleOptional) {
    // A child profile may override only the config of an inherited session slot; the merge supplies the module.
    return { key: '', data: value, at: { file: src.file, line }, sourceDir: dirname(src.file) };
  }
  if (!hasModule) {
    throw new InputError('invalid-value', `${label} has no 'module' key`, {
      file: src.file,
      line,
      fix: 'add `module: <id>` to the entry',
    });
  }
  const module = checkId(value.module, label, 'module', src, path);
  const id =
    'id' in value && value.id !== null && value.id !== undefined ? checkId(value.id, label, 'id', src, path) : null;
  const source = value.source;
  if (source !== undefined && source !== null && typeof source !== 'string' && !isMapping(source)) {
    throw new InputError('invalid-source', `${label}: source must be a string or a mapping`, {
      file: src.file,
      line: src.lineOf([...path, 'source']),
      fix: 'write the source as a URI string (git+https://..., ./path, package-name) or {type, ...}',
    });
  }
  const config = value.config;
  if (config !== undefined && config !== null && !isMapping(config)) {
    throw new InputError('invalid-type', `${label}: config must be a mapping`, {
      file: src.file,
      line: src.lineOf([...path, 'config']),
      fix: 'write config as key: value pairs',
    });
  }
  return { key: id ?? module, data: value, at: { file: src.file, line }, sourceDir: dirname(src.file) };
}

/** Reads `providers`/`tools`/`hooks` at `path` (absent or null: empty). */
export function readModuleList(src: YamlSource, path: YamlPath, label: string, value: unknown): ModuleEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new InputError('invalid-type', `${label} must be a list of mappings ${ENTRY_SHAPE}`, {
      file: src.file,
      line: src.lineOf(path),
      fix: `write ${label} as a YAML list: \`- module: <id>\``,
    });
  }
  return value.map((item, index) => readModuleEntry(src, [...path, index], `${label}[${index}]`, item));
}

/** Reads the module-declaring keys of one mapping (a profile, bundle, agent file or inline agent). */
export function readModuleSet(
  src: YamlSource,
  basePath: YamlPath,
  mapping: Record<string, unknown>,
  options: { readonly slotModuleOptional?: boolean } = {},
): ModuleSet {
  const prefix = basePath.length > 0 ? `${basePath.join('.')}.` : '';
  const session = mapping.session;
  if (session !== undefined && session !== null && !isMapping(session)) {
    throw new InputError('invalid-type', `${prefix}session must be a mapping`, {
      file: src.file,
      line: src.lineOf([...basePath, 'session']),
      fix: 'write session as `orchestrator: {module, source}` and `context: {module, source}`',
    });
  }
  const slot = (key: SlotKey): ModuleEntry | null => {
    const value = isMapping(session) ? session[key] : undefined;
    if (value === undefined || value === null) return null;
    return readModuleEntry(
      src,
      [...basePath, 'session', key],
      `${prefix}session.${key}`,
      value,
      options.slotModuleOptional ?? false,
    );
  };
  const list = (key: ListKey): ModuleEntry[] =>
    readModuleList(src, [...basePath, key], `${prefix}${key}`, mapping[key]);
  return {
    orchestrator: slot('orchestrator'),
    context: slot('context'),
    providers: list('providers'),
    tools: list('tools'),
    hooks: list('hooks'),
  };
}
