/** Builds the report entry of one declaration from what each stage found about it. */
import type { Finding, ModuleStatus, ResolvedModule, Source } from '../model.js';
import type { ModuleInstall, ReportModule, ReportSource } from './report.js';

export function reportSource(source: Source | null): ReportSource | null {
  if (!source) return null;
  switch (source.type) {
    case 'git':
      return {
        type: 'git',
        uri: source.uri,
        url: source.url,
        ref: source.ref,
        subdirectory: source.subdirectory,
        commit: source.commit,
        path: null,
        name: null,
      };
    case 'file':
      return {
        type: 'file',
        uri: source.uri,
        url: null,
        ref: null,
        subdirectory: null,
        commit: null,
        path: source.path,
        name: null,
      };
    case 'package':
      return {
        type: 'package',
        uri: source.uri,
        url: null,
        ref: null,
        subdirectory: null,
        commit: null,
        path: null,
        name: source.name,
      };
  }
}

/** The declared source as a single string (object forms are shown as compact JSON). */
export function declaredSourceText(resolved: ResolvedModule): string | null {
  const raw = resolved.declaration.source;
  if (raw === null) return null;
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

export interface ModuleOutcome {
  readonly status: ModuleStatus;
  readonly findings: readonly Finding[];
  readonly fix: string | null;
  /** Overrides the resolution's source (e.g. with the pinned commit filled in). */
  readonly source?: Source | null | undefined;
  readonly fetch?: ReportModule['fetch'];
  readonly install?: ModuleInstall | undefined;
}

export function reportModule(resolved: ResolvedModule, outcome: ModuleOutcome): ReportModule {
  const { declaration, resolution } = resolved;
  const source = outcome.source !== undefined ? outcome.source : resolution.source;
  return {
    id: declaration.id,
    kind: declaration.kind,
    agent: declaration.agent,
    declaredAt: declaration.declaredAt,
    declaredSource: declaredSourceText(resolved),
    resolution: { layer: resolution.layer, source: reportSource(source), trail: resolution.trail },
    path: resolution.path,
    status: outcome.status,
    findings: outcome.findings,
    fix: outcome.fix,
    ...(outcome.fetch ? { fetch: outcome.fetch } : {}),
    ...(outcome.install ? { install: outcome.install } : {}),
    ...(declaration.origin ? { origin: declaration.origin } : {}),
  };
}
