/**
 * `prune`: move module-cache directories nothing uses into the quarantine, and delete quarantined ones past the
 * retention period. "Uses" is checked against every environment known to use the cache (`prune-environments.ts`),
 * Amplifier's install-state.json, and every declaration of the workspace with its bundle includes
 * (`prune-declarations.ts`). With no declarations at all, prune says so and keeps the clones that are not module
 * repositories (bundles and other includes it cannot see a need for) unless `--include-clones` is given.
 */

import { join } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import { DEFAULT_RETENTION_DAYS } from '../../module-cache/quarantine.js';
import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import type { FileSystem } from '../../ports.js';
import { buildReport } from '../../report/build-report.js';
import type { Report } from '../../report/report.js';
import type { CacheGuard } from '../guards/cache-guard.js';
import { prune } from './prune-clones.js';
import { declaredNeeds } from './prune-declarations.js';
import { pruneUsers } from './prune-environments.js';

/** A clone whose repository is an Amplifier module (by name, or by its `amplifier.modules` entry point). */
async function isModuleRepository(fs: FileSystem, clone: string): Promise<boolean> {
  const name = clone.split(/[\\/]/).pop() ?? '';
  if (/^amplifier-module-/.test(name)) return true;
  for (const file of ['pyproject.toml', 'setup.cfg', 'setup.py']) {
    const path = join(clone, file);
    if (!(await fs.lstat(path))?.isFile) continue;
    const text = (await fs.readFile(path).catch(() => Buffer.from(''))).toString('utf8');
    if (text.includes('amplifier.modules')) return true;
  }
  return false;
}

export async function pruneCommand(options: PipelineOptions, ports: PipelinePorts, guard: CacheGuard): Promise<Report> {
  const needs = await declaredNeeds(options, ports);
  // Held before the environments are read: an install or warm finishing meanwhile is waited for, not raced.
  await guard.hold();
  const users = await pruneUsers(options, ports);
  const warnings: Diagnostic[] = [...needs.warnings];
  const keepIncludes = !needs.found && !options.pruneIncludes;
  if (!needs.found) {
    warnings.push({
      code: 'prune-no-declarations',
      message: `no profile or bundle found in ${join(options.workspace, '.amplifier')} and none is active in settings: prune cannot see which bundle includes are needed, so ${keepIncludes ? 'clones that are not module repositories are kept' : 'every clone no environment uses is quarantined (--include-clones)'}`,
      fix: 'run prune in the project (--workspace DIR) or pass --profile FILE for each profile or bundle you use',
    });
  }
  const retentionDays = options.purge ? 0 : (options.retentionDays ?? DEFAULT_RETENTION_DAYS);
  const result = await prune({
    fs: ports.fs,
    logger: ports.logger,
    home: options.home,
    environments: users.environments,
    referenced: [...needs.references, ...users.installState],
    dryRun: options.dryRun,
    retentionDays,
    now: ports.clock.now(),
    keepUnreferenced: keepIncludes
      ? async (clone) =>
          (await isModuleRepository(ports.fs, clone))
            ? null
            : 'no declarations found: may be a bundle include (--include-clones quarantines it)'
      : undefined,
  });
  return buildReport({
    command: 'prune',
    ok: true,
    python: users.environments[0]?.python,
    unresolvedIncludes: needs.unresolvedIncludes,
    warnings,
    prune: {
      removed: result.removed,
      kept: result.kept,
      dryRun: result.dryRun,
      quarantined: result.quarantined,
      deleted: result.deleted,
      retentionDays: result.retentionDays,
    },
  });
}
