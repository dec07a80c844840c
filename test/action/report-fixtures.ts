/** Small builders for Report values used by the renderer and output tests. */
import type { Report, ReportModule } from '../../src/report/report.js';

export function okModule(id: string, overrides: Partial<ReportModule> = {}): ReportModule {
  return {
    id,
    kind: 'tool',
    agent: null,
    declaredAt: { file: '/ws/.amplifier/profiles/dev.md', line: 12 },
    declaredSource: `git+https://github.com/microsoft/amplifier-module-${id}@main`,
    resolution: {
      layer: 'profile',
      source: {
        type: 'git',
        uri: `git+https://github.com/microsoft/amplifier-module-${id}@main`,
        url: `https://github.com/microsoft/amplifier-module-${id}`,
        ref: 'main',
        subdirectory: null,
        commit: '0123456789abcdef0123456789abcdef01234567',
        path: `/home/u/.amplifier/cache/amplifier-module-${id}-813c080b4c271b81`,
        name: null,
      },
      trail: [
        { layer: 'env', outcome: 'not-set', detail: 'AMPLIFIER_MODULE_X is not set' },
        { layer: 'profile', outcome: 'matched', detail: 'source from the profile' },
      ],
    },
    path: `/home/u/.amplifier/cache/amplifier-module-${id}-813c080b4c271b81`,
    status: 'ok',
    findings: [],
    fix: null,
    ...overrides,
  };
}

export function unresolvedModule(id: string, line: number): ReportModule {
  return {
    id,
    kind: 'tool',
    agent: null,
    declaredAt: { file: '/ws/.amplifier/profiles/dev.md', line },
    declaredSource: null,
    resolution: {
      layer: null,
      source: null,
      trail: [
        {
          layer: 'env',
          outcome: 'not-set',
          detail: `AMPLIFIER_MODULE_${id.toUpperCase().replace(/-/g, '_')} is not set`,
        },
        { layer: 'workspace', outcome: 'skipped', detail: `.amplifier/modules/${id} does not exist` },
        { layer: 'settings', outcome: 'not-set', detail: 'no entry in .amplifier/settings.yaml' },
        { layer: 'collection', outcome: 'not-set', detail: 'no collection registers it' },
        { layer: 'profile', outcome: 'not-set', detail: 'the declaration has no source' },
        { layer: 'package', outcome: 'rejected', detail: `neither '${id}' nor 'amplifier-module-${id}' is installed` },
      ],
    },
    path: null,
    status: 'unresolved',
    findings: [],
    fix: `add \`source: git+https://github.com/microsoft/amplifier-module-${id}@main\` to the entry`,
  };
}

export function reportOf(modules: readonly ReportModule[], overrides: Partial<Report> = {}): Report {
  return {
    version: 1,
    command: 'verify',
    ok: modules.every((module) => module.status === 'ok'),
    python: '/ws/.venv/bin/python',
    installer: 'pip',
    cache: {
      key: 'amplifier-modules-linux-x64-abc123',
      matchedKey: 'amplifier-modules-linux-x64-abc123',
      hit: 'exact',
    },
    modules,
    unresolvedIncludes: [],
    warnings: [],
    ...overrides,
  };
}
