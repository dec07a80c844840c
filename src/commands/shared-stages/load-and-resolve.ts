/**
 * The first two stages every command shares: read the declarations (with their extends/includes) and
 * resolve each module through the layers against the target environment.
 */

import type { Diagnostic } from '../../diagnostics.js';
import type { Declaration, ResolvedModule, UnresolvedInclude } from '../../model.js';
import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import { listDistributionNames } from '../../python/dist-names.js';
import { loadSettings, type Settings } from '../../settings/settings.js';
import { detectActiveDeclarations } from '../../stages/declare/detect.js';
import {
  type DeclareContext,
  loadDeclarations,
  loadSessionDeclarations,
} from '../../stages/declare/load-declarations.js';
import type { SessionInput } from '../../stages/declare/session-compose.js';
import { sessionParts } from '../../stages/declare/session-parts.js';
import { checkDeclaredSources } from '../../stages/resolve/declared-source.js';
import type { InstalledPackages } from '../../stages/resolve/layer.js';
import { resolveDeclarations } from '../../stages/resolve/resolver.js';
import { installedCliBundleRoot } from './cli-package.js';
import type { EnvironmentStage } from './environment-stage.js';

export interface LoadedAndResolved {
  readonly files: readonly string[];
  readonly settings: Settings;
  /** Whether the files were composed as the Amplifier CLI composes a session. */
  readonly session: boolean;
  readonly declarations: readonly Declaration[];
  readonly resolved: readonly ResolvedModule[];
  readonly unresolvedIncludes: readonly UnresolvedInclude[];
  /** The directory of every bundle composed, in the order met (each may hold a Python package of its own). */
  readonly bundleRoots: readonly string[];
  readonly warnings: readonly Diagnostic[];
}

export interface LoadOptions {
  readonly locateGitInclude: DeclareContext['locateGitInclude'];
  /**
   * The environment stage (or an environment the command already located): asked only when composing a session (the
   * CLI's behaviors live in the environment) or when a module reaches the package layer.
   */
  readonly environment: EnvironmentStage;
  /**
   * doctor: without -p, what Amplifier loads is audited, so the active bundle is composed as the CLI composes a
   * session even without --session.
   */
  readonly sessionByDefault?: boolean | undefined;
  /** Told which declaration files were chosen, before any is read (the lock file lives beside the first). */
  readonly onFiles?: ((files: readonly string[]) => Promise<void>) | undefined;
}

/** What reading and resolving the declarations needs from the options. */
export type DeclarationOptions = Pick<
  PipelineOptions,
  'profiles' | 'workspace' | 'home' | 'namespaces' | 'strict' | 'python' | 'session'
>;

export async function loadAndResolve(
  options: DeclarationOptions,
  ports: PipelinePorts,
  load: LoadOptions,
): Promise<LoadedAndResolved> {
  const { fs, env } = ports;
  const settings = await loadSettings({ fs, workspace: options.workspace, home: options.home });
  const warnings: Diagnostic[] = [...settings.warnings];
  const declareContext: DeclareContext = {
    fs,
    workspace: options.workspace,
    home: options.home,
    namespaces: options.namespaces,
    registeredBundles: Object.fromEntries([...settings.value.addedBundles].map(([name, added]) => [name, added.value])),
    bundleSources: [...settings.value.bundleSources].map(([key, redirect]) => ({
      key,
      uri: redirect.value,
      file: redirect.file,
      line: redirect.line,
    })),
    strict: options.strict,
    locateGitInclude: load.locateGitInclude,
    wording: ports.wording,
  };

  let files = options.profiles;
  if (files.length === 0) {
    const detected = await detectActiveDeclarations({
      ...declareContext,
      active: {
        bundle: settings.value.activeBundle?.value ?? null,
        profile: settings.value.activeProfile?.value ?? null,
      },
    });
    warnings.push(...detected.warnings);
    files = detected.value;
  }
  await load.onFiles?.(files);

  // The CLI's own behavior ships inside its package: with --session the environment is needed first, to find it.
  const composeSession = options.session || (load.sessionByDefault === true && options.profiles.length === 0);
  const sitePackages = composeSession ? ((await load.environment())?.environment.sitePackages ?? []) : null;
  const session: SessionInput | null = sitePackages
    ? {
        parts: sessionParts({
          notifications: settings.value.notifications,
          appBundles: settings.value.appBundles,
          wording: ports.wording,
          cli: await installedCliBundleRoot(fs, sitePackages),
        }),
        providers: settings.value.configuredProviders,
      }
    : null;

  const declarations: Declaration[] = [];
  const unresolvedIncludes: UnresolvedInclude[] = [];
  const bundleRoots = new Set<string>();
  for (const file of files) {
    const loaded = session
      ? await loadSessionDeclarations(file, declareContext, session, options.session ? 'refuse' : 'as-is')
      : await loadDeclarations(file, declareContext);
    declarations.push(...loaded.value.declarations);
    unresolvedIncludes.push(...loaded.value.unresolvedIncludes);
    for (const root of loaded.value.bundleRoots) bundleRoots.add(root);
    warnings.push(...loaded.warnings);
  }

  checkDeclaredSources(declarations);
  // The declarations are read and checked: bad input can no longer be found, so the environment stage is opened now
  // (if nothing opened it yet) and answers while the modules are resolved. Whoever needs it awaits it; a failure to
  // locate it is handled here only so it is not unhandled meanwhile, and is thrown again where it is awaited.
  load.environment().catch(() => undefined);
  let installed: Promise<InstalledPackages | null> | null = null;
  const installedPackages = (): Promise<InstalledPackages | null> => {
    installed ??= load
      .environment()
      .then(async (found) =>
        found
          ? { names: await listDistributionNames(found.environment, fs), environment: found.environment.python }
          : null,
      );
    return installed;
  };
  const resolution = await resolveDeclarations(declarations, {
    fs,
    env,
    workspace: options.workspace,
    home: options.home,
    settings: settings.value,
    installedPackages,
    wording: ports.wording,
  });
  const resolved = resolution.value;
  warnings.push(...resolution.warnings);
  // Every credential a declaration, a setting or an override wrote is masked in whatever git or pip says later.
  ports.redactor.addCredentialsIn([declarations, resolved]);
  return {
    files,
    settings: settings.value,
    session: session !== null,
    declarations,
    resolved,
    unresolvedIncludes,
    bundleRoots: [...bundleRoots],
    warnings,
  };
}
