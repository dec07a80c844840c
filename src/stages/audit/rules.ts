/**
 * The finding rules: what the environment's files (editable targets) and the import system's answer (the probe) say
 * about one module, as findings with codes. verify and doctor both judge a module with these, so they cannot disagree.
 */

import type { FileSystem } from '../../ports.js';
import type { ProbeResult } from '../../python/probe.js';
import { isWithinAny } from '../../source/path-within.js';
import { type CacheClonePath, findSiblings, locateClone } from './cache-siblings.js';
import { conventionalImportName } from './dist-index.js';
import type { AuditFinding, AuditFindingCode } from './findings.js';
import type { AuditModuleInput, Located } from './module-audit.js';
import type { EditableTarget, InstalledDist } from './site-scan.js';

const TARGET_CODE: Readonly<Record<EditableTarget['kind'], AuditFindingCode>> = {
  'direct-url': 'editable-target-missing',
  'pth-path': 'pth-target-missing',
  'pth-import': 'pth-hook-missing',
  'finder-mapping': 'finder-target-missing',
  'editables-mapping': 'finder-target-missing',
  'egg-link': 'egg-link-target-missing',
  'link-tree-entry': 'link-target-missing',
};

const TARGET_WORDS: Readonly<Record<EditableTarget['kind'], string>> = {
  'direct-url': 'direct_url.json of the editable install records',
  'pth-path': 'puts on sys.path',
  'pth-import': 'imports the hook module',
  'finder-mapping': 'maps the package to',
  'editables-mapping': 'redirects the package to',
  'egg-link': 'links the project at',
  'link-tree-entry': 'has a broken link at',
};

function describeRotation(from: CacheClonePath | null, to: CacheClonePath | null): string {
  if (from && to && from.repo === to.repo && from.hash !== to.hash) {
    return ` (the module cache moved ${from.repo} from hash ${from.hash} to ${to.hash}; the editable install was not refreshed)`;
  }
  return '';
}

export async function targetFindings(
  dist: InstalledDist,
  expectedPath: string | null,
  fs: FileSystem,
  fix: string | undefined,
  newPath: string | null,
): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  for (const target of dist.targets) {
    if (target.exists) continue;
    const now = newPath && newPath !== target.target ? `; the module is now at ${newPath}` : '';
    const rotation = describeRotation(locateClone(target.target), newPath ? locateClone(newPath) : null);
    findings.push({
      code: TARGET_CODE[target.kind],
      message: `${target.file} ${TARGET_WORDS[target.kind]} ${target.target}, which does not exist${now}${rotation}`,
      file: target.file,
      target: target.target,
      fix,
    });
  }
  if (!expectedPath) return findings;
  if (!dist.editable) {
    findings.push({
      code: 'installed-not-editable',
      message: `${dist.info.name} is installed as a regular (not editable) package, so ${expectedPath} is not what gets imported`,
      file: dist.info.dir,
      fix,
    });
    return findings;
  }
  const pointers = dist.targets.filter((t) => t.exists && t.kind !== 'pth-import' && t.kind !== 'link-tree-entry');
  for (const target of pointers) {
    if (await isWithinAny(fs, target.target, expectedPath)) continue;
    const rotation = describeRotation(locateClone(target.target), locateClone(expectedPath));
    findings.push({
      code: 'installed-from-other-dir',
      message: `${target.file} points at ${target.target}, but the module resolves to ${expectedPath}${rotation}`,
      file: target.file,
      target: target.target,
      fix,
    });
    break;
  }
  return findings;
}

/**
 * Without a declaration to compare with (doctor), other clones of the same repository are worth a note: the
 * editable works today, but it is the latent state of a rotated cache directory (two hashes, one of them pruned
 * some day; README, "What a failure looks like").
 */
export async function siblingNotes(dist: InstalledDist, fs: FileSystem): Promise<AuditFinding[]> {
  if (!dist.editable || !dist.installedFrom || dist.targets.some((t) => !t.exists)) return [];
  const clone = locateClone(dist.installedFrom);
  if (!clone) return [];
  const siblings = await findSiblings(fs, clone);
  if (siblings.length === 0) return [];
  return [
    {
      code: 'sibling-clone',
      message: `the editable uses ${clone.dirName}; other clones of ${clone.repo} exist: ${siblings.map((s) => s.path).join(', ')}`,
      target: dist.installedFrom,
    },
  ];
}

/** What amplifier-core's fallback calls in the package it imports for a module without an entry point. */
export const FALLBACK_ATTR = 'mount';

/**
 * `amplifier-module-tool-x` -> `tool-x`: the id amplifier-core gives an installed distribution without entry points
 * (it strips the prefix from the distribution name), so doctor judges such an editable as verify judges the module.
 */
export function fallbackModuleId(normalizedDistName: string): string | null {
  const match = /^amplifier-module-(.+)$/.exec(normalizedDistName);
  return match?.[1] ?? null;
}

/**
 * A module loaded through amplifier-core's fallback: ok when the conventional package imports (and, with the import
 * check, has `mount`), with a note saying so; a mismatch when it does not, since then nothing can load it.
 */
function importFallbackFindings(result: ProbeResult, located: Located, id: string): AuditFinding[] {
  const fallback = located.byImportName;
  const dist = located.dist;
  if (!fallback || !dist || result.specError) return [];
  const name = result.module;
  const declared = `pyproject.toml: [project.entry-points."amplifier.modules"] ${id} = "${conventionalImportName(id)}:${FALLBACK_ATTR}"`;
  const others = fallback.otherIds.join(', ');
  if (!result.found) {
    const fix = `declare it in ${declared}, or rename the package to ${name}, then reinstall`;
    const cannot = `Python cannot import '${name}', the package amplifier-core falls back to`;
    return [
      others
        ? {
            code: 'entry-point-other-id',
            message: `${dist.info.name} declares amplifier.modules entry point(s) ${others}, not '${id}', and ${cannot}`,
            file: dist.info.dir,
            fix: `use the id ${fallback.otherIds.join(' or ')} in the declaration, or ${fix}`,
          }
        : {
            code: 'entry-point-missing',
            message: `${dist.info.name} declares no amplifier.modules entry point '${id}' and ${cannot}`,
            file: dist.info.dir,
            fix,
          },
    ];
  }
  if (result.attrFound === false) {
    return [
      {
        code: 'mount-missing',
        message: `'${name}' imports but has no ${FALLBACK_ATTR}, which amplifier-core calls when it loads a module without an entry point`,
        fix: `define async def ${FALLBACK_ATTR}(coordinator, config) in ${name}, or declare an entry point in ${declared}`,
      },
    ];
  }
  const instead = others ? ` (it declares ${others} instead)` : '';
  return [
    {
      code: 'loaded-by-import-name',
      message: `${dist.info.name} has no amplifier.modules entry point '${id}'${instead}: amplifier-core will load it by importing '${name}' and calling its ${FALLBACK_ATTR}`,
      target: result.origin ?? undefined,
    },
  ];
}

export async function probeFindings(
  result: ProbeResult | undefined,
  located: Located,
  input: AuditModuleInput,
  fs: FileSystem,
  fix: string | undefined,
): Promise<AuditFinding[]> {
  if (!result) return [];
  const expectedPath = input.expectedPath;
  const findings: AuditFinding[] = importFallbackFindings(result, located, input.id);
  const name = result.module;
  if (result.specError) {
    findings.push({ code: 'find-spec-error', message: `find_spec('${name}') raised ${result.specError}`, fix });
    return findings;
  }
  // The fallback's own finding already says that nothing can load the module.
  if (!result.found && located.byImportName) return findings;
  if (!result.found) {
    if (located.entryPoint && !located.dist?.targets.some((t) => !t.exists)) {
      findings.push({
        code: 'entry-point-module-missing',
        message: `the entry point ${located.entryPoint.name} = ${located.entryPoint.value} names module '${name}', which the import system cannot find`,
        file: located.dist?.info.dir,
        fix: `fix the entry point in pyproject.toml or the package layout, then ${fix ?? 'reinstall'}`,
      });
    } else {
      findings.push({
        code: 'module-not-found',
        message: `find_spec('${name}') returns None: Python cannot import the module`,
        fix,
      });
    }
    return findings;
  }
  if (result.originExists === false && result.origin) {
    findings.push({
      code: 'origin-missing',
      message: `find_spec('${name}') names ${result.origin}, which does not exist (an import hook points at a removed directory)`,
      target: result.origin,
      fix,
    });
  }
  for (const location of result.locations) {
    if (location.exists) continue;
    findings.push({
      code: 'search-location-missing',
      message: `the package path ${location.path} of '${name}' does not exist`,
      target: location.path,
      fix,
    });
  }
  const where = result.origin ?? result.locations[0]?.path ?? null;
  if (expectedPath && where && result.originExists !== false && !(await isWithinAny(fs, where, expectedPath))) {
    findings.push({
      code: 'origin-other-dir',
      message: `Python imports '${name}' from ${where}, not from ${expectedPath}`,
      target: where,
      fix,
    });
  }
  if (result.importError) {
    findings.push({
      code: 'import-error',
      message: `import ${name} failed: ${result.importError}`,
      fix: 'install the missing dependency (reinstall without --no-deps) or fix the module code',
    });
  } else if (result.attrFound === false && located.entryPoint?.attr) {
    findings.push({
      code: 'entry-point-attr-missing',
      message: `module '${name}' has no attribute '${located.entryPoint.attr}' named by the entry point ${located.entryPoint.name}`,
      fix: `define ${located.entryPoint.attr} in ${name} or fix the entry point`,
    });
  }
  return findings;
}
