/**
 * Amplifier settings files (docs/formats.md, "Settings"): user `<home>/settings.yaml`, project
 * `<workspace>/.amplifier/settings.yaml`, local `<workspace>/.amplifier/settings.local.yaml`, lowest to highest.
 * Mappings deep-merge across scopes; lists and scalars of the higher scope win (amplifier-config's rule). Every
 * value exposed keeps the file and line it came from, so the trail can say which line decided a module's source.
 */
import { join } from 'node:path';
import type { Diagnostic, Validated } from '../diagnostics.js';
import { InputError } from '../errors.js';
import type { FileSystem } from '../ports.js';
import { refuseUnsafeGitUri } from '../source/git-uri.js';
import { readYamlFileText } from '../text-file.js';
import { type LocatedValue, mergeLocated, parseLocatedYaml } from '../yaml/yaml-document.js';
import {
  emptySettings,
  type ModuleSourceOverride,
  type Settings,
  type SettingsFileInfo,
  type SettingValue,
} from './settings-model.js';
import { rankOverrides, readModuleLists, readOverrides, readSources } from './settings-module-sources.js';
import { readConfiguredProviders, readNotificationSettings } from './settings-session.js';
import {
  describeKind,
  optionalList,
  optionalMap,
  type ScopeDocument,
  scopeOfFile,
  shapeError,
  stringValue,
} from './settings-shape.js';

export * from './settings-model.js';

export function settingsFilePaths(workspace: string, home: string): SettingsFileInfo[] {
  return [
    { scope: 'user', path: join(home, 'settings.yaml'), found: false },
    { scope: 'project', path: join(workspace, '.amplifier', 'settings.yaml'), found: false },
    { scope: 'local', path: join(workspace, '.amplifier', 'settings.local.yaml'), found: false },
  ];
}

function readBundleSection(
  merged: LocatedValue & { kind: 'map' },
  docs: readonly ScopeDocument[],
): Pick<Settings, 'addedBundles' | 'appBundles' | 'activeBundle'> {
  const bundle = optionalMap(
    merged.entries.get('bundle'),
    'bundle',
    'bundle: {active: <name>, added: {<name>: <uri>}}',
  );
  const addedBundles = new Map<string, SettingValue<string>>();
  const added = optionalMap(bundle?.entries.get('added'), 'bundle.added', 'bundle: {added: {<name>: <uri>}}');
  for (const [name, entry] of added?.entries ?? []) {
    const file = entry.value.file;
    const value = stringValue(entry, `bundle.added.${name}`);
    if (value.startsWith('git+')) refuseUnsafeGitUri(value, { file, line: entry.line });
    addedBundles.set(name, {
      value,
      scope: scopeOfFile(docs, file),
      file,
      line: entry.line,
    });
  }
  const appList = optionalList(bundle?.entries.get('app'), 'bundle.app', 'bundle: {app: [<uri>, ...]}');
  const appBundles = (appList?.items ?? []).map((item, index): SettingValue<string> => {
    if (item.kind !== 'scalar' || typeof item.value !== 'string')
      throw shapeError(
        item,
        `'bundle.app[${index}]' must be a bundle URI string, found ${describeKind(item)}`,
        'write - git+https://host/org/bundle@main',
      );
    return { value: item.value, scope: scopeOfFile(docs, item.file), file: item.file, line: item.line };
  });
  return { addedBundles, appBundles, activeBundle: activeValue(bundle, 'bundle', docs) };
}

function activeValue(
  section: (LocatedValue & { kind: 'map' }) | null,
  name: string,
  docs: readonly ScopeDocument[],
): SettingValue<string> | null {
  const entry = section?.entries.get('active');
  if (!entry || (entry.value.kind === 'scalar' && entry.value.value === null)) return null;
  const file = entry.value.file;
  return { value: stringValue(entry, `${name}.active`), scope: scopeOfFile(docs, file), file, line: entry.line };
}

async function readScope(fs: FileSystem, info: SettingsFileInfo): Promise<ScopeDocument | null> {
  const stat = await fs.stat(info.path);
  if (!stat) {
    // Nothing there is fine; a link there that leads nowhere (a loop, a deleted target) is a broken settings file,
    // never silently no settings.
    if (!(await fs.lstat(info.path))?.isSymbolicLink) return null;
    throw new InputError('file-unreadable', 'settings file is a symbolic link that loops or points to nothing', {
      file: info.path,
      fix: `point the link at a real settings.yaml, or remove it: rm ${info.path}`,
    });
  }
  if (!stat.isFile)
    throw new InputError('file-unreadable', 'settings path is not a file', {
      file: info.path,
      fix: 'remove the directory or replace it with a settings.yaml file',
    });
  const text = await readYamlFileText(fs, info.path, 'settings file');
  const root = await parseLocatedYaml(text, info.path);
  if (root.kind === 'scalar' && root.value === null)
    return { scope: info.scope, file: info.path, root: { kind: 'map', file: info.path, line: 1, entries: new Map() } };
  if (root.kind !== 'map')
    throw shapeError(
      root,
      `a settings file must be a mapping at the top level, found ${describeKind(root)}`,
      'write top-level keys such as sources:, bundle:, overrides:',
    );
  return { scope: info.scope, file: info.path, root };
}

/** Reads and merges the three settings files. Missing files are fine; wrongly shaped ones are InputErrors. */
export async function loadSettings(ctx: {
  fs: FileSystem;
  workspace: string;
  home: string;
}): Promise<Validated<Settings>> {
  const infos = settingsFilePaths(ctx.workspace, ctx.home);
  const docs: ScopeDocument[] = [];
  const files: SettingsFileInfo[] = [];
  for (const info of infos) {
    const doc = await readScope(ctx.fs, info);
    files.push({ ...info, found: doc !== null });
    if (doc) docs.push(doc);
  }
  const warnings: Diagnostic[] = [];
  const empty: LocatedValue & { kind: 'map' } = { kind: 'map', file: '', line: 1, entries: new Map() };
  const merged = docs.reduce<LocatedValue>((acc, doc) => mergeLocated(acc, doc.root), empty);
  if (merged.kind !== 'map') return { value: emptySettings(files), warnings };

  const overrides: ModuleSourceOverride[] = [];
  const bundleSources = new Map<string, SettingValue<string>>();
  readSources(merged, docs, overrides, bundleSources);
  readOverrides(merged, docs, overrides);
  readModuleLists(docs, overrides, warnings);
  const profile = optionalMap(merged.entries.get('profile'), 'profile', 'profile: {active: <name>}');
  return {
    value: {
      files,
      moduleSources: rankOverrides(overrides),
      bundleSources,
      ...readBundleSection(merged, docs),
      activeProfile: activeValue(profile, 'profile', docs),
      configuredProviders: readConfiguredProviders(docs),
      notifications: readNotificationSettings(merged),
    },
    warnings,
  };
}
