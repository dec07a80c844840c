/**
 * Amplifier's own install rules (amplifier_foundation/modules/activator.py): `[tool.uv.sources]` is ignored
 * (`--no-sources`: modules point amplifier-core at a sibling checkout there), and a git-URL dependency on a
 * distribution the environment already holds is pinned to the installed version (uv `--overrides`), so
 * `amplifier-core @ git+...` is never rebuilt from git. pip has neither flag: a project with such a dependency is
 * installed without dependencies, and `pip check` then says whether its other requirements are met.
 */
import type { ProjectFacts } from './pyproject.js';

export interface GitPin {
  /** Normalised distribution name. */
  readonly name: string;
  readonly version: string;
  /** The URL the project names it by. */
  readonly url: string;
}

/** The git-URL dependencies of a project that the environment already holds, pinned to the installed version. */
export function gitDependencyPins(facts: ProjectFacts | null, installed: ReadonlyMap<string, string>): GitPin[] {
  return (facts?.dependencies ?? []).flatMap((dep) => {
    const version = installed.get(dep.key);
    return dep.url?.startsWith('git+') && version !== undefined ? [{ name: dep.key, version, url: dep.url }] : [];
  });
}

/** uv's overrides file: one `name==version` line per pinned distribution. */
export function overridesText(pins: readonly GitPin[]): string {
  return `${[...new Set(pins.map((pin) => `${pin.name}==${pin.version}`))].sort().join('\n')}\n`;
}

/** Every distribution name the projects mention (their own and their dependencies'): what to ask the environment. */
export function namesToAsk(facts: Iterable<ProjectFacts | null>): string[] {
  const names = new Set<string>();
  for (const project of facts) for (const dep of project?.dependencies ?? []) names.add(dep.key);
  return [...names];
}
