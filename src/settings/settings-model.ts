/**
 * What the settings files say, as the resolver and the declaration loader use it (see settings.ts for how the
 * files are read and merged). Every value keeps the file and line it came from.
 */
import type { RawSource } from '../model.js';

export type SettingsScope = 'user' | 'project' | 'local';
export const SETTINGS_SCOPES: readonly SettingsScope[] = ['user', 'project', 'local'];

/** The five override shapes, lowest precedence first. */
export type SourceOverrideShape = 'sources' | 'modules' | 'sources.modules' | 'overrides' | 'config.providers';
export const SOURCE_OVERRIDE_SHAPES: readonly SourceOverrideShape[] = [
  'sources',
  'modules',
  'sources.modules',
  'overrides',
  'config.providers',
];

export interface SettingsFileInfo {
  readonly scope: SettingsScope;
  readonly path: string;
  readonly found: boolean;
}

/** A value read from one settings file, with where it was written. */
export interface SettingValue<T> {
  readonly value: T;
  readonly scope: SettingsScope;
  readonly file: string;
  readonly line: number;
}

export interface ModuleSourceOverride {
  readonly id: string;
  readonly source: RawSource;
  readonly shape: SourceOverrideShape;
  /** The key path as a user would search for it, e.g. `sources.modules.tool-bash` or `config.providers[0].source`. */
  readonly keyPath: string;
  readonly scope: SettingsScope;
  readonly file: string;
  readonly line: number;
  /** Relative file sources are resolved against the settings file's own directory. */
  readonly baseDir: string;
}

export interface Settings {
  /** The three files in scope order, whether or not they exist. */
  readonly files: readonly SettingsFileInfo[];
  /**
   * For each module id, the override of each shape that survived the scope merge, winner first (shape
   * precedence, then scope). The first element is what the settings layer uses.
   */
  readonly moduleSources: ReadonlyMap<string, readonly ModuleSourceOverride[]>;
  /** `sources.bundles`: bundle name -> source. */
  readonly bundleSources: ReadonlyMap<string, SettingValue<string>>;
  /** `bundle.added`: registered bundle name -> URI. */
  readonly addedBundles: ReadonlyMap<string, SettingValue<string>>;
  /** `bundle.app`: bundles composed onto every session. */
  readonly appBundles: readonly SettingValue<string>[];
  /** `bundle.active`. */
  readonly activeBundle: SettingValue<string> | null;
  /** `profile.active` (profile era). */
  readonly activeProfile: SettingValue<string> | null;
  /** `config.providers`, merged across scopes. */
  readonly configuredProviders: readonly ConfiguredProvider[];
  readonly notifications: NotificationSettings;
}

/** One entry of `config.providers` after the scope merge (what `amplifier provider use` writes). */
export interface ConfiguredProvider {
  /** `id` when given, else `module`: the identity the CLI merges by. */
  readonly key: string;
  readonly module: string;
  readonly source: RawSource | null;
  readonly keyPath: string;
  readonly file: string;
  readonly line: number;
}

/** Which notification behaviors the CLI composes onto a session. */
export interface NotificationSettings {
  /** `config.notifications.desktop.enabled`. */
  readonly desktop: boolean;
  /** `config.notifications.push.enabled` or `.ntfy.enabled` (aliases to the CLI). */
  readonly push: boolean;
}

/** Settings with no files: for callers that skip settings entirely. */
export function emptySettings(files: readonly SettingsFileInfo[] = []): Settings {
  return {
    files,
    moduleSources: new Map(),
    bundleSources: new Map(),
    addedBundles: new Map(),
    appBundles: [],
    activeBundle: null,
    activeProfile: null,
    configuredProviders: [],
    notifications: { desktop: false, push: false },
  };
}
