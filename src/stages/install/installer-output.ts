/**
 * Which projects of a failed batch the installer's own output blames, and why. pip prints what it works on before
 * it fails: `Obtaining file:///dir` (a project of the batch), `Collecting name @ url (from dist)` (a dependency,
 * with the distribution that wants it), `Building editable for name` (the wheel phase, one per project), and names
 * the wanting distribution of a requirement it cannot find. uv names the project in `Failed to build` and the
 * wanting distribution in its resolver's explanation. A dependency's failure is blamed on the projects that want
 * it, never on the last directory mentioned; when the output names no project, the caller splits the batch.
 */
import { fileURLToPath } from 'node:url';
import { type BuildSubject, buildFailure } from './failure-cause.js';
import type { InstallCause } from './install-cause.js';
import { normalizeName, type ProjectFacts, parseRequirement } from './pyproject.js';

export interface BatchProject {
  readonly dir: string;
  readonly facts: ProjectFacts | null;
}

export interface Blamed {
  readonly cause: InstallCause;
  /** The few lines of output that show it. */
  readonly excerpt: string;
}

export type OutputBlame =
  /** The installer refused the environment itself: every project fails alike, retrying parts cannot help. */
  | { readonly kind: 'environment'; readonly cause: InstallCause; readonly excerpt: string }
  /** The projects the output blames (empty when it names none). */
  | { readonly kind: 'projects'; readonly blamed: ReadonlyMap<string, Blamed> };

const PIP_NOT_FOUND =
  /^ERROR: Could not find a version that satisfies the requirement (\S+)(?: \(from ([^)]+)\))?(.*)$/;
const UV_NOT_FOUND =
  /Because (\S+) was not found in the (?:package registry|provided package locations) and (\S+?)==\S+ depends on (\S+?),/;
const OBTAINING = /^Obtaining (file:\/\/\S+)/;
const COLLECTING = /^Collecting (\S+?)(?:\s*@\s*(\S+))?(?: \(from ([^)]+)\))?$/;
const BUILDING_FAILED =
  /^\s*Building (?:editable|wheel) for (\S+) \([^)]*\)(?::? .*)?(?:error|finished with status 'error')$/;
const UV_FAILED_BUILD = /Failed to (?:build|download and build) `(\S+) @ (\S+)`/;
const CONFLICT = /^ERROR: Cannot install (.+?) because these package versions have conflicting dependencies/;
const FAILURE_START =
  /^(?:\s*error: subprocess-exited-with-error|ERROR: Exception:|ERROR: (?!Could not find|No matching))/;

export function blameOutput(
  output: string,
  batch: readonly BatchProject[],
  installed: ReadonlySet<string>,
): OutputBlame {
  const lines = output.split(/\r?\n/).map((line) => line.trimEnd());
  if (lines.some((line) => /externally-managed-environment/.test(line))) {
    return { kind: 'environment', cause: { kind: 'externally-managed' }, excerpt: '' };
  }
  const projects = new Projects(batch, lines);
  const blamed = new Map<string, Blamed>();
  const blame = (dirs: readonly string[], cause: InstallCause, excerpt: string) => {
    for (const dir of dirs) if (!blamed.has(dir)) blamed.set(dir, { cause, excerpt });
  };
  const blameBuild = (dirs: readonly string[], text: string, subject: BuildSubject) => {
    const { cause, excerpt } = buildFailure(text, subject);
    blame(dirs, cause, excerpt);
  };
  for (const line of lines) {
    const pip = PIP_NOT_FOUND.exec(line);
    const uv = UV_NOT_FOUND.exec(line);
    if (!pip && !uv) continue;
    const requirement = pip?.[1] ?? uv?.[3] ?? '';
    const name = parseRequirement(requirement)?.key ?? normalizeName(requirement);
    const wantedBy = pip ? (pip[2] ?? null) : (uv?.[2] ?? null);
    const noVersionAtAll = /\(from versions: none\)/.test(pip?.[3] ?? '') || uv !== null;
    for (const dir of projects.wanting(name, wantedBy, noVersionAtAll && !installed.has(name))) {
      // Each project is told its own requirement on the name (one wants >=1.2.1, another >=1.4.0).
      const own = projects.requirementOf(dir, name) ?? requirement;
      blame([dir], { kind: 'dependency-unavailable', requirement: own, name }, line.trim());
    }
  }
  for (const [at, line] of lines.entries()) {
    const failed = BUILDING_FAILED.exec(line);
    const uv = UV_FAILED_BUILD.exec(line);
    const subject = failed
      ? projects.subjectNamed(failed[1] ?? '')
      : uv
        ? projects.subjectAt(uv[2] ?? '', uv[1] ?? '')
        : null;
    if (!subject) continue;
    const text = lines.slice(at, nextSubjectLine(lines, at + 1)).join('\n');
    blameBuild(projects.owners(subject), text, subject);
  }
  for (const line of lines) {
    const conflict = CONFLICT.exec(line);
    if (!conflict?.[1]) continue;
    // pip's resolver found the batch's requirements irreconcilable: each project it names is set aside with it.
    const names = conflict[1].split(/, | and /).map((name) => parseRequirement(name)?.key ?? name);
    const dirs = names
      .map((name) => projects.subjectNamed(name))
      .flatMap((s) => (s?.kind === 'project' ? [s.dir] : []));
    // pip names what conflicts under "The conflict is caused by:", one `x 1.0 depends on y>=2` line each.
    const header = lines.indexOf('The conflict is caused by:');
    const why = header < 0 ? [] : lines.slice(header + 1).filter((l) => / depends on /.test(l));
    const summary = why.length > 0 ? why.map((l) => l.trim()).join('; ') : line.replace(/^ERROR: /, '');
    blame(dirs, { kind: 'installer-failed', summary: `its requirements conflict: ${summary}` }, line);
  }
  if (blamed.size === 0) {
    const start = lines.findIndex((line) => FAILURE_START.test(line));
    const marker = start < 0 ? -1 : lastSubjectLine(lines, start);
    const subject = marker < 0 ? null : projects.subjectOfLine(lines[marker] ?? '');
    if (subject) {
      const text = lines.slice(marker).join('\n');
      blameBuild(projects.owners(subject), text, subject);
    }
  }
  return { kind: 'projects', blamed };
}

function isSubjectLine(line: string): boolean {
  return OBTAINING.test(line) || COLLECTING.test(line) || BUILDING_FAILED.test(line);
}

function nextSubjectLine(lines: readonly string[], from: number): number {
  for (let at = from; at < lines.length; at++)
    if (/^\s*Building (?:editable|wheel) for /.test(lines[at] ?? '')) return at;
  return lines.length;
}

function lastSubjectLine(lines: readonly string[], before: number): number {
  for (let at = before; at >= 0; at--) if (isSubjectLine(lines[at] ?? '')) return at;
  return -1;
}

/** The batch's projects by directory and distribution name, and who wants which dependency. */
class Projects {
  private readonly byName = new Map<string, string>();
  private readonly dirs = new Set<string>();
  /** dependency name -> the distribution pip said wanted it (`Collecting x (from y)`). */
  private readonly parent = new Map<string, string>();

  constructor(
    private readonly batch: readonly BatchProject[],
    lines: readonly string[],
  ) {
    for (const { dir, facts } of batch) {
      this.dirs.add(dir);
      if (facts?.name) this.byName.set(normalizeName(facts.name), dir);
    }
    for (const line of lines) {
      const collecting = COLLECTING.exec(line);
      const from = collecting?.[3] ? parseRequirement(collecting[3])?.key : undefined;
      const name = collecting?.[1] ? parseRequirement(collecting[1])?.key : undefined;
      if (name && from && !this.parent.has(name)) this.parent.set(name, from);
    }
  }

  /** The project of the batch a distribution name belongs to, following pip's `(from ...)` chain up to one. */
  private ownerOf(name: string): string | null {
    const seen = new Set<string>();
    let current: string | undefined = name;
    while (current !== undefined && !seen.has(current)) {
      const dir = this.byName.get(current);
      if (dir) return dir;
      seen.add(current);
      current = this.parent.get(current);
    }
    return null;
  }

  /** Projects that want `name`: the one pip named, else every project requiring it directly. */
  wanting(name: string, wantedBy: string | null, everyRequirer: boolean): string[] {
    const named = wantedBy ? this.ownerOf(parseRequirement(wantedBy)?.key ?? normalizeName(wantedBy)) : null;
    const requirers = this.batch
      // A requirement by URL is fetched from its URL, not looked up in the index: it does not fail this way.
      .filter(({ facts }) => facts?.dependencies.some((dep) => dep.key === name && dep.url === null))
      .map(({ dir }) => dir);
    if (everyRequirer) return [...new Set([...(named ? [named] : []), ...requirers])];
    return named ? [named] : requirers;
  }

  /** The requirement on `name` as `dir`'s pyproject.toml writes it. */
  requirementOf(dir: string, name: string): string | null {
    const facts = this.batch.find((project) => project.dir === dir)?.facts;
    return facts?.dependencies.find((dep) => dep.key === name && dep.url === null)?.text.trim() ?? null;
  }

  subjectNamed(name: string): BuildSubject | null {
    const key = parseRequirement(name)?.key ?? normalizeName(name);
    const dir = this.byName.get(key);
    return dir ? { kind: 'project', dir } : { kind: 'dependency', name: key, url: null };
  }

  subjectAt(url: string, name: string): BuildSubject | null {
    const dir = url.startsWith('file://') ? fileURLToPath(url) : null;
    if (dir && this.dirs.has(dir)) return { kind: 'project', dir };
    return { kind: 'dependency', name: normalizeName(name), url };
  }

  subjectOfLine(line: string): BuildSubject | null {
    const obtaining = OBTAINING.exec(line);
    if (obtaining?.[1]) {
      const dir = fileURLToPath(obtaining[1]);
      return this.dirs.has(dir) ? { kind: 'project', dir } : null;
    }
    const collecting = COLLECTING.exec(line);
    if (collecting?.[1]) {
      const key = parseRequirement(collecting[1])?.key ?? normalizeName(collecting[1]);
      return { kind: 'dependency', name: key, url: collecting[2] ?? null };
    }
    const building = BUILDING_FAILED.exec(line);
    return building?.[1] ? this.subjectNamed(building[1]) : null;
  }

  /** The projects a subject's failure belongs to: the project itself, or every project wanting the dependency. */
  owners(subject: BuildSubject): string[] {
    if (subject.kind === 'project') return [subject.dir];
    const owner = this.ownerOf(subject.name);
    if (owner) return [owner];
    return (
      this.batch
        // A dependency pip fetched by URL is wanted by the projects that name it by URL.
        .filter(({ facts }) =>
          facts?.dependencies.some((dep) => dep.key === subject.name && (subject.url === null || dep.url !== null)),
        )
        .map(({ dir }) => dir)
    );
  }
}
