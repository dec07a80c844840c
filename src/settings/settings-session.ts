/**
 * The settings the Amplifier CLI reads when it builds a session (see stages/declare/session-parts.ts): the providers
 * `amplifier provider use` writes under `config.providers`, merged across scopes by identity (`id`, else
 * `module`; a higher scope's entry updates the lower one in place, a new one is appended), and which notification
 * behaviors `config.notifications` enables.
 */
import type { RawSource } from '../model.js';
import type { LocatedValue } from '../yaml/yaml-document.js';
import type { ConfiguredProvider, NotificationSettings } from './settings-model.js';
import {
  describeKind,
  optionalList,
  optionalMap,
  type ScopeDocument,
  shapeError,
  sourceValue,
  stringValue,
} from './settings-shape.js';

function providerOf(item: LocatedValue, itemPath: string): ConfiguredProvider {
  if (item.kind !== 'map')
    throw shapeError(
      item,
      `'${itemPath}' must be a mapping {module, source}, found ${describeKind(item)}`,
      'write it as - {module: <id>, source: <source>}',
    );
  const moduleEntry = item.entries.get('module');
  if (!moduleEntry) throw shapeError(item, `'${itemPath}' has no 'module' key`, 'add module: <id> to the entry');
  const module = stringValue(moduleEntry, `${itemPath}.module`);
  const idEntry = item.entries.get('id');
  const id = idEntry ? stringValue(idEntry, `${itemPath}.id`) : null;
  const sourceEntry = item.entries.get('source');
  const hasSource = sourceEntry && !(sourceEntry.value.kind === 'scalar' && sourceEntry.value.value === null);
  const source: RawSource | null = hasSource
    ? sourceValue(sourceEntry.value, sourceEntry.line, `${itemPath}.source`)
    : null;
  return { key: id ?? module, module, source, keyPath: itemPath, file: item.file, line: item.line };
}

export function readConfiguredProviders(docs: readonly ScopeDocument[]): ConfiguredProvider[] {
  const merged: ConfiguredProvider[] = [];
  for (const doc of docs) {
    const config = optionalMap(doc.root.entries.get('config'), 'config', 'config: {providers: [{module, source}]}');
    const list = optionalList(
      config?.entries.get('providers'),
      'config.providers',
      'config: {providers: [{module: <id>, source: <source>}]}',
    );
    list?.items.forEach((item, index) => {
      const provider = providerOf(item, `config.providers[${index}]`);
      const at = merged.findIndex((known) => known.key === provider.key);
      if (at < 0) merged.push(provider);
      else {
        const known = merged[at];
        // A higher scope that names no source keeps the lower scope's (the CLI merges the entries).
        merged[at] = provider.source === null && known ? { ...provider, source: known.source } : provider;
      }
    });
  }
  return merged;
}

function enabled(section: (LocatedValue & { kind: 'map' }) | null, name: string): boolean {
  const entry = optionalMap(
    section?.entries.get(name),
    `config.notifications.${name}`,
    `config: {notifications: {${name}: {enabled: true}}}`,
  )?.entries.get('enabled');
  return entry?.value.kind === 'scalar' && Boolean(entry.value.value);
}

export function readNotificationSettings(merged: LocatedValue & { kind: 'map' }): NotificationSettings {
  const config = optionalMap(
    merged.entries.get('config'),
    'config',
    'config: {notifications: {desktop: {enabled: true}}}',
  );
  const notifications = optionalMap(
    config?.entries.get('notifications'),
    'config.notifications',
    'config: {notifications: {desktop: {enabled: true}}}',
  );
  return {
    desktop: enabled(notifications, 'desktop'),
    push: enabled(notifications, 'push') || enabled(notifications, 'ntfy'),
  };
}
