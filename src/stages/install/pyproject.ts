/**
 * What the install step needs to know of a project before building it, read from its `pyproject.toml` with a TOML
 * parser: the distribution name, its runtime requirements (with the URL of a `name @ git+...` requirement), the
 * build backend and build requirements, and whether the file declares a package at all (`[project]` or
 * `[build-system]`, the test Amplifier's `Bundle.prepare` uses before installing a bundle's own package).
 */
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { FileSystem } from '../../ports.js';

export interface Requirement {
  /** As written in `[project].dependencies`. */
  readonly text: string;
  /** PEP 503-normalised distribution name. */
  readonly key: string;
  /** The URL of a direct reference (`name @ git+https://...`), else null. */
  readonly url: string | null;
}

export interface ProjectFacts {
  /** `[project].name` as written, or null. */
  readonly name: string | null;
  readonly dependencies: readonly Requirement[];
  /** `[build-system].build-backend`; setuptools' legacy backend when none is given (what pip then uses). */
  readonly backend: string;
  /** Normalised names of `[build-system].requires`, sorted. */
  readonly buildRequires: readonly string[];
  /** hatchling's dev-mode-dirs: its editable build then needs no `editables` at build time. */
  readonly hatchDevModeDirs: boolean;
  /** The file has `[project]` or `[build-system]`: something to install (a tool-config-only file has neither). */
  readonly declaresPackage: boolean;
}

const LEGACY_BACKEND = 'setuptools.build_meta:__legacy__';

/** PEP 503: lower case, runs of `-`, `_` and `.` as one `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** PEP 508's name at the start of a requirement, and the URL after `@` for a direct reference. */
export function parseRequirement(text: string): Requirement | null {
  const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(@\s*(\S+))?/.exec(text);
  const name = match?.[1];
  if (name === undefined) return null;
  const url = match?.[3]?.replace(/;.*$/, '') ?? null;
  return { text, key: normalizeName(name), url };
}

function table(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The facts of a pyproject.toml's text; throws the parser's error (with line and column) when it is not TOML. */
export function parsePyproject(text: string): ProjectFacts {
  const doc = parseToml(text) as Record<string, unknown>;
  const project = table(doc.project);
  const buildSystem = table(doc['build-system']);
  const hatchBuild = table(table(table(doc.tool)?.hatch)?.build);
  const name = typeof project?.name === 'string' ? project.name : null;
  const backend = buildSystem?.['build-backend'];
  return {
    name,
    dependencies: strings(project?.dependencies)
      .map(parseRequirement)
      .filter((r): r is Requirement => r !== null),
    backend: typeof backend === 'string' ? backend : LEGACY_BACKEND,
    buildRequires: strings(buildSystem?.requires)
      .map((r) => parseRequirement(r)?.key)
      .filter((key): key is string => key !== undefined)
      .sort(),
    hatchDevModeDirs: hatchBuild !== null && 'dev-mode-dirs' in hatchBuild,
    declaresPackage: project !== null || buildSystem !== null,
  };
}

/** The parser's first line, with where it stopped (smol-toml's errors carry line and column). */
function tomlErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const first = error.message.split('\n')[0] ?? error.message;
  const { line, column } = error as Error & { line?: unknown; column?: unknown };
  return typeof line === 'number' && typeof column === 'number' ? `${first} at line ${line}, column ${column}` : first;
}

export type ProjectRead =
  | { readonly kind: 'pyproject'; readonly facts: ProjectFacts }
  | { readonly kind: 'legacy' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'none' };

/** How `dir` builds: its pyproject.toml's facts, a legacy setup.py/setup.cfg project, an unreadable file, or none. */
export async function readProject(fs: FileSystem, dir: string): Promise<ProjectRead> {
  const file = join(dir, 'pyproject.toml');
  if ((await fs.stat(file))?.isFile) {
    try {
      return { kind: 'pyproject', facts: parsePyproject((await fs.readFile(file)).toString('utf8')) };
    } catch (error) {
      return { kind: 'invalid', message: tomlErrorText(error) };
    }
  }
  for (const legacy of ['setup.py', 'setup.cfg']) {
    if ((await fs.stat(join(dir, legacy)))?.isFile) return { kind: 'legacy' };
  }
  return { kind: 'none' };
}

/** The facts a legacy project implies for grouping builds: setuptools' legacy backend, nothing else known. */
export const LEGACY_FACTS: ProjectFacts = {
  name: null,
  dependencies: [],
  backend: LEGACY_BACKEND,
  buildRequires: [],
  hatchDevModeDirs: false,
  declaresPackage: true,
};
