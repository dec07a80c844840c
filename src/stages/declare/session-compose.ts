/**
 * `--session`: the bundle as the Amplifier CLI composes it when it builds a session. Each part of
 * session-parts.ts is loaded like a bundle and composed on top, in order (Bundle.compose: later wins); a part
 * that cannot be had is skipped with a warning, as the CLI does. Then, when the composed session declares no
 * provider, the providers configured in settings become its providers (the CLI's `_apply_provider_overrides`).
 * Every module remembers the part that first brought it in.
 */
import { basename, dirname } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import type { ModuleOrigin } from '../../model.js';
import type { ConfiguredProvider } from '../../settings/settings-model.js';
import type { YamlSource } from '../../yaml/yaml-document.js';
import type { ComposedDeclarations } from './composed.js';
import type { DeclareContext } from './declare-context.js';
import { bundleDeclarations, type ComposedBundle, composeRootBundle } from './load-bundle.js';
import { LIST_KEYS, LIST_KIND, type ModuleEntry, type ModuleSet, SLOT_KEYS } from './module-entry.js';
import type { SessionPart } from './session-parts.js';
import { originKey } from './to-declarations.js';

function tagSet(origins: Map<string, ModuleOrigin>, modules: ModuleSet, agent: string | null, origin: ModuleOrigin) {
  const tag = (entry: ModuleEntry | null, kind: string) => {
    if (!entry) return;
    const key = originKey(agent, kind, entry.key);
    if (!origins.has(key)) origins.set(key, origin);
  };
  for (const slot of SLOT_KEYS) tag(modules[slot], slot);
  for (const list of LIST_KEYS) for (const entry of modules[list]) tag(entry, LIST_KIND[list]);
}

function tagAll(origins: Map<string, ModuleOrigin>, bundle: ComposedBundle, origin: ModuleOrigin): void {
  tagSet(origins, bundle.modules, null, origin);
  for (const agent of bundle.agents) tagSet(origins, agent.modules, agent.name, origin);
}

function providerEntry(provider: ConfiguredProvider): ModuleEntry {
  return {
    key: provider.key,
    data: {
      module: provider.module,
      ...(provider.key !== provider.module ? { id: provider.key } : {}),
      ...(provider.source !== null ? { source: provider.source } : {}),
    },
    at: { file: provider.file, line: provider.line },
    sourceDir: dirname(provider.file),
  };
}

export interface SessionInput {
  readonly parts: readonly SessionPart[];
  readonly providers: readonly ConfiguredProvider[];
}

export async function loadSessionBundle(
  ctx: DeclareContext,
  src: YamlSource,
  warnings: Diagnostic[],
  session: SessionInput,
): Promise<ComposedDeclarations> {
  const root = await composeRootBundle(ctx, src, warnings);
  const composer = root.composer;
  let composed = root.composed;
  const origins = new Map<string, ModuleOrigin>();
  tagAll(origins, composed, { kind: 'bundle', name: basename(src.file), uri: src.file });
  for (const part of session.parts) {
    const at = { file: part.origin.file ?? src.file, line: part.origin.line ?? 1 };
    const label = part.uri ?? `amplifier-app-cli: ${part.origin.name}`;
    const child =
      part.uri === null
        ? composer.unavailable(label, at, part.missing ?? 'not available')
        : await composer.composePart(part.uri, at, part.origin.kind === 'cli-package');
    if (!child) continue;
    tagAll(origins, child, part.origin);
    composed = composer.mergeBundles(composed, child);
  }
  if (composed.modules.providers.length === 0 && session.providers.length > 0) {
    const providers = session.providers.map(providerEntry);
    for (const provider of session.providers) {
      origins.set(originKey(null, 'provider', provider.key), {
        kind: 'settings-provider',
        name: provider.keyPath,
        uri: null,
        file: provider.file,
        line: provider.line,
      });
    }
    composed = { ...composed, modules: { ...composed.modules, providers } };
  }
  return { ...bundleDeclarations(src, composer, composed), origins };
}
