/**
 * What the Amplifier CLI composes onto the bundle when it builds a session (amplifier-app-cli
 * `runtime/config.py`, `resolve_bundle_config`), in its order: the modes behavior, the CLI's own expertise
 * behavior (shipped inside the installed amplifier-app-cli package, never fetched), the skills and wayfinder
 * behaviors, the notify bundle and the notification behaviors its settings enable, then the `bundle.app` bundles.
 * Providers configured in settings (`config.providers`) are added afterwards, when the bundle declares none.
 */

import { join } from 'node:path';
import type { ModuleOrigin } from '../../model.js';
import { CLI_WORDING, type Wording } from '../../options/option-wording.js';
import type { NotificationSettings, SettingValue } from '../../settings/settings-model.js';

const GITHUB = 'git+https://github.com/microsoft';
export const MODES_BEHAVIOR = `${GITHUB}/amplifier-bundle-modes@main#subdirectory=behaviors/modes.yaml`;
export const SKILLS_BEHAVIOR = `${GITHUB}/amplifier-bundle-skills@main#subdirectory=behaviors/skills.yaml`;
export const WAYFINDER_BEHAVIOR = `${GITHUB}/amplifier-bundle-wayfinder@main#subdirectory=behaviors/wayfinder.yaml`;
export const NOTIFY_BUNDLE = `${GITHUB}/amplifier-bundle-notify@main`;
export const DESKTOP_NOTIFICATIONS = `${NOTIFY_BUNDLE}#subdirectory=behaviors/desktop-notifications.yaml`;
export const PUSH_NOTIFICATIONS = `${NOTIFY_BUNDLE}#subdirectory=behaviors/push-notifications.yaml`;
/** Where the CLI keeps its expertise behavior, relative to its bundle root. */
export const CLI_EXPERTISE = 'behaviors/cli-expertise.yaml';

/** One bundle composed onto the session, or (uri null) one that cannot be had, with why. */
export interface SessionPart {
  readonly uri: string | null;
  readonly origin: ModuleOrigin;
  readonly missing?: string | undefined;
}

/** The installed amplifier-app-cli package's bundle root, or where it was looked for. */
export type CliBundleRoot = { readonly root: string } | { readonly searched: readonly string[] };

function behavior(uri: string, name: string): SessionPart {
  return { uri, origin: { kind: 'cli-behavior', name, uri } };
}

function cliExpertise(cli: CliBundleRoot, w: Wording): SessionPart {
  const name = 'cli-expert';
  if ('root' in cli) {
    const uri = `file://${cli.root}#subdirectory=${CLI_EXPERTISE}`;
    return { uri, origin: { kind: 'cli-package', name, uri } };
  }
  const looked =
    cli.searched.length > 0
      ? `looked for ${cli.searched.join(' and ')}`
      : `no Python environment to look in; ${w.give('python', 'PATH')}`;
  return {
    uri: null,
    origin: { kind: 'cli-package', name, uri: null },
    missing: `${CLI_EXPERTISE} exists only inside the installed amplifier-app-cli package, which is not there (${looked})`,
  };
}

export function sessionParts(input: {
  readonly notifications: NotificationSettings;
  readonly appBundles: readonly SettingValue<string>[];
  readonly cli: CliBundleRoot;
  readonly wording?: Wording | undefined;
}): SessionPart[] {
  const parts: SessionPart[] = [
    behavior(MODES_BEHAVIOR, 'modes'),
    cliExpertise(input.cli, input.wording ?? CLI_WORDING),
    behavior(SKILLS_BEHAVIOR, 'skills'),
    behavior(WAYFINDER_BEHAVIOR, 'wayfinder'),
  ];
  const { desktop, push } = input.notifications;
  if (desktop || push) parts.push(behavior(NOTIFY_BUNDLE, 'notify'));
  if (desktop) parts.push(behavior(DESKTOP_NOTIFICATIONS, 'desktop-notifications'));
  if (push) parts.push(behavior(PUSH_NOTIFICATIONS, 'push-notifications'));
  input.appBundles.forEach((app, index) => {
    parts.push({
      uri: app.value,
      origin: { kind: 'app-bundle', name: `bundle.app[${index}]`, uri: app.value, file: app.file, line: app.line },
    });
  });
  return parts;
}

/**
 * The CLI's bundle root as `_find_app_cli_bundle_root` finds it: `<package>/_bundle` (a wheel), else the directory
 * above the package (a source checkout), whichever holds the expertise behavior; the package is looked for in each
 * site directory of the target environment, then in the project directories of an editable install.
 */
export async function findCliBundleRoot(
  sitePackages: readonly string[],
  isFile: (path: string) => Promise<boolean>,
  editableProjects: readonly string[] = [],
): Promise<CliBundleRoot> {
  const searched: string[] = [];
  for (const site of [...sitePackages, ...editableProjects]) {
    const pkg = join(site, 'amplifier_app_cli');
    for (const root of [join(pkg, '_bundle'), site]) {
      const candidate = join(root, CLI_EXPERTISE);
      searched.push(candidate);
      if (await isFile(candidate)) return { root };
    }
  }
  return { searched };
}
