/**
 * How a project is built, read from its pyproject.toml without a TOML library (only the `[build-system]` keys are
 * needed): the backend, the build requirements' names, and whether hatchling's dev-mode-dirs is set (hatchling's
 * default editable mode needs `editables` at build time, its dev-mode-dirs mode does not). Projects with equal
 * profiles are built by the same code in the same environment, so a failure outside the project's own code hits
 * them all alike.
 */
import { join } from 'node:path';
import type { FileSystem } from '../ports.js';
import type { SharedCause } from './root-cause.js';

export interface BuildProfile {
  readonly backend: string;
  /** Normalized requirement names (PEP 503), sorted. */
  readonly requires: readonly string[];
  readonly hatchDevModeDirs: boolean;
}

/** setuptools' legacy backend: what pip uses for a project without `[build-system]`. */
const DEFAULT_BACKEND = 'setuptools.build_meta:__legacy__';

export function normalizeRequirementName(requirement: string): string {
  const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1] ?? requirement.trim();
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function sectionText(text: string, name: string): string {
  const lines: string[] = [];
  let inside = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*(?:#.*)?$/.exec(line);
    if (header) {
      inside = header[1]?.trim() === name;
      continue;
    }
    if (inside) lines.push(line);
  }
  return lines.join('\n');
}

/** The profile of a pyproject.toml's text; null when it does not read as one (then nothing is assumed shared). */
export function parseBuildProfile(text: string): BuildProfile | null {
  const buildSystem = sectionText(text, 'build-system');
  const backend = /^\s*build-backend\s*=\s*["']([^"']+)["']/m.exec(buildSystem)?.[1] ?? DEFAULT_BACKEND;
  const requiresArray = /^\s*requires\s*=\s*\[([^\]]*)\]/m.exec(buildSystem)?.[1];
  if (buildSystem.trim() !== '' && requiresArray === undefined) return null;
  const requires = [...(requiresArray ?? '').matchAll(/["']([^"']+)["']/g)]
    .map((match) => normalizeRequirementName(match[1] ?? ''))
    .sort();
  const hatchDevModeDirs = /^\s*dev-mode-dirs\s*=/m.test(sectionText(text, 'tool.hatch.build'));
  return { backend, requires, hatchDevModeDirs };
}

export async function readBuildProfile(fs: FileSystem, dir: string): Promise<BuildProfile | null> {
  const file = join(dir, 'pyproject.toml');
  if (!(await fs.stat(file))?.isFile) {
    return (await fs.stat(join(dir, 'setup.py')))?.isFile
      ? { backend: DEFAULT_BACKEND, requires: [], hatchDevModeDirs: false }
      : null;
  }
  try {
    return parseBuildProfile((await fs.readFile(file)).toString('utf8'));
  } catch {
    return null;
  }
}

function sameBackendAndRequires(a: BuildProfile, b: BuildProfile): boolean {
  return (
    a.backend === b.backend &&
    a.requires.length === b.requires.length &&
    a.requires.every((name, index) => name === b.requires[index])
  );
}

function sameProfile(a: BuildProfile, b: BuildProfile): boolean {
  return sameBackendAndRequires(a, b) && a.hatchDevModeDirs === b.hatchDevModeDirs;
}

/** Whether a project with profile `other` fails with `cause`, which a project with profile `failed` met. */
export function sharesCause(cause: SharedCause, failed: BuildProfile, other: BuildProfile): boolean {
  switch (cause.kind) {
    case 'backend-unavailable':
      return sameBackendAndRequires(failed, other);
    case 'build-requirement-missing':
      return other.requires.includes(normalizeRequirementName(cause.requirement)) || sameProfile(failed, other);
    case 'build-module-missing':
      return sameProfile(failed, other);
  }
}
