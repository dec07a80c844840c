/**
 * Module source overrides in the settings files, in their five shapes (docs/formats.md, "Settings"), each kept with
 * the file and line that wrote it and ranked for the settings layer.
 *
 * Among the shapes, the current CLI's chain is `sources.modules` < `overrides.<id>.source` <
 * `config.providers[].source` (its combined source map). The two shapes outside that chain rank below it: flat
 * `sources.<id>` (amplifier-config era) lowest, then `modules.<kind>[].source` (the CLI merges those into the
 * mount plan only after the modules were prepared).
 */
import { dirname } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { RawSource } from '../model.js';
import type { LocatedValue } from '../yaml/yaml-document.js';
import {
  type ModuleSourceOverride,
  SETTINGS_SCOPES,
  type SettingValue,
  SOURCE_OVERRIDE_SHAPES,
  type SourceOverrideShape,
} from './settings-model.js';
import {
  describeKind,
  optionalList,
  optionalMap,
  type ScopeDocument,
  scopeOfFile,
  shapeError,
  sourceValue,
  stringValue,
} from './settings-shape.js';

const MODULE_LIST_KINDS: readonly string[] = ['tools', 'hooks', 'providers', 'orchestrators', 'contexts'];
function override(
  docs: readonly ScopeDocument[],
  id: string,
  source: RawSource,
  shape: SourceOverrideShape,
  keyPath: string,
  at: { file: string; line: number },
): ModuleSourceOverride {
  return {
    id,
    source,
    shape,
    keyPath,
    scope: scopeOfFile(docs, at.file),
    file: at.file,
    line: at.line,
    baseDir: dirname(at.file),
  };
}

/** `sources: {<id>: src}` (flat) and `sources: {modules: {...}, bundles: {...}}`, from the merged tree. */
export function readSources(
  merged: LocatedValue & { kind: 'map' },
  docs: readonly ScopeDocument[],
  out: ModuleSourceOverride[],
  bundleSources: Map<string, SettingValue<string>>,
): void {
  const sources = optionalMap(merged.entries.get('sources'), 'sources', 'sources: {modules: {<id>: <source>}}');
  if (!sources) return;
  for (const [key, entry] of sources.entries) {
    if (key === 'modules') {
      const modules = optionalMap(entry, 'sources.modules', 'sources: {modules: {<id>: <source>}}');
      for (const [id, moduleEntry] of modules?.entries ?? []) {
        const keyPath = `sources.modules.${id}`;
        const source = sourceValue(moduleEntry.value, moduleEntry.line, keyPath);
        out.push(
          override(docs, id, source, 'sources.modules', keyPath, {
            file: moduleEntry.value.file,
            line: moduleEntry.line,
          }),
        );
      }
    } else if (key === 'bundles') {
      const bundles = optionalMap(entry, 'sources.bundles', 'sources: {bundles: {<name>: <uri>}}');
      for (const [name, bundleEntry] of bundles?.entries ?? []) {
        const value = stringValue(bundleEntry, `sources.bundles.${name}`);
        const file = bundleEntry.value.file;
        bundleSources.set(name, { value, scope: scopeOfFile(docs, file), file, line: bundleEntry.line });
      }
    } else {
      const keyPath = `sources.${key}`;
      const source = sourceValue(entry.value, entry.line, keyPath);
      out.push(override(docs, key, source, 'sources', keyPath, { file: entry.value.file, line: entry.line }));
    }
  }
}

/** `overrides: {<id>: {source, config}}`, from the merged tree. */
export function readOverrides(
  merged: LocatedValue & { kind: 'map' },
  docs: readonly ScopeDocument[],
  out: ModuleSourceOverride[],
): void {
  const overrides = optionalMap(merged.entries.get('overrides'), 'overrides', 'overrides: {<id>: {source: <source>}}');
  for (const [id, entry] of overrides?.entries ?? []) {
    const body = optionalMap(entry, `overrides.${id}`, `overrides: {${id}: {source: <source>}}`);
    const sourceEntry = body?.entries.get('source');
    if (!sourceEntry || (sourceEntry.value.kind === 'scalar' && sourceEntry.value.value === null)) continue;
    const keyPath = `overrides.${id}.source`;
    const source = sourceValue(sourceEntry.value, sourceEntry.line, keyPath);
    out.push(
      override(docs, id, source, 'overrides', keyPath, { file: sourceEntry.value.file, line: sourceEntry.line }),
    );
  }
}

/**
 * Module lists (`modules.<kind>[]`, `config.providers[]`) merge by module id across scopes, as the CLI's
 * provider and tool overrides do: a higher scope's entry replaces the source only when it names one.
 */
function readModuleList(
  list: LocatedValue & { kind: 'list' },
  listPath: string,
  shape: SourceOverrideShape,
  docs: readonly ScopeDocument[],
  byId: Map<string, ModuleSourceOverride>,
): void {
  list.items.forEach((item, index) => {
    const itemPath = `${listPath}[${index}]`;
    if (item.kind !== 'map')
      throw shapeError(
        item,
        `'${itemPath}' must be a mapping {module, source}, found ${describeKind(item)}`,
        `write it as - {module: <id>, source: <source>}`,
      );
    const moduleEntry = item.entries.get('module');
    if (!moduleEntry) throw shapeError(item, `'${itemPath}' has no 'module' key`, 'add module: <id> to the entry');
    const id = stringValue(moduleEntry, `${itemPath}.module`);
    const sourceEntry = item.entries.get('source');
    if (!sourceEntry || (sourceEntry.value.kind === 'scalar' && sourceEntry.value.value === null)) return;
    const keyPath = `${itemPath}.source`;
    const source = sourceValue(sourceEntry.value, sourceEntry.line, keyPath);
    byId.set(id, override(docs, id, source, shape, keyPath, { file: item.file, line: sourceEntry.line }));
  });
}

export function readModuleLists(
  docs: readonly ScopeDocument[],
  out: ModuleSourceOverride[],
  warnings: Diagnostic[],
): void {
  const fromModules = new Map<string, ModuleSourceOverride>();
  const fromProviders = new Map<string, ModuleSourceOverride>();
  for (const doc of docs) {
    const modules = optionalMap(doc.root.entries.get('modules'), 'modules', 'modules: {tools: [{module, source}]}');
    for (const [kind, entry] of modules?.entries ?? []) {
      if (!MODULE_LIST_KINDS.includes(kind)) {
        warnings.push({
          code: 'settings-unknown-key',
          message: `'modules.${kind}' is not a module list the Amplifier CLI reads (${MODULE_LIST_KINDS.join(', ')})`,
          file: doc.file,
          line: entry.line,
        });
        continue;
      }
      const list = optionalList(entry, `modules.${kind}`, `modules: {${kind}: [{module: <id>, source: <source>}]}`);
      if (list) readModuleList(list, `modules.${kind}`, 'modules', docs, fromModules);
    }
    const config = optionalMap(doc.root.entries.get('config'), 'config', 'config: {providers: [{module, source}]}');
    const providers = optionalList(
      config?.entries.get('providers'),
      'config.providers',
      'config: {providers: [{module: <id>, source: <source>}]}',
    );
    if (providers) readModuleList(providers, 'config.providers', 'config.providers', docs, fromProviders);
  }
  out.push(...fromModules.values(), ...fromProviders.values());
}

export function rankOverrides(all: readonly ModuleSourceOverride[]): Map<string, ModuleSourceOverride[]> {
  const byId = new Map<string, ModuleSourceOverride[]>();
  for (const item of all) byId.set(item.id, [...(byId.get(item.id) ?? []), item]);
  const shapeRank = (o: ModuleSourceOverride) => SOURCE_OVERRIDE_SHAPES.indexOf(o.shape);
  const scopeRank = (o: ModuleSourceOverride) => SETTINGS_SCOPES.indexOf(o.scope);
  for (const list of byId.values()) list.sort((a, b) => shapeRank(b) - shapeRank(a) || scopeRank(b) - scopeRank(a));
  return byId;
}
