/**
 * What the target environment already holds, asked of its interpreter the way Amplifier's activator asks its own
 * (`importlib.metadata`): the installed version of each distribution name the batch's projects mention. One Python
 * process, only when there is a name to ask about. Also `pip check`, for projects installed without dependencies.
 */
import type { PythonSession } from '../../python/python-session.js';
import { normalizeName } from './pyproject.js';

export const VERSIONS_SCRIPT = `import json, sys
from importlib import metadata
found = {}
for name in json.load(sys.stdin):
    try:
        found[name] = metadata.version(name)
    except Exception:
        pass
print(json.dumps(found))`;

/** Installed versions by normalised name; an interpreter that cannot answer is taken to hold none of them. */
export async function installedVersions(
  session: PythonSession,
  names: readonly string[],
): Promise<ReadonlyMap<string, string>> {
  const unique = [...new Set(names.map(normalizeName))];
  if (unique.length === 0) return new Map();
  const result = await session.run(['-I', '-c', VERSIONS_SCRIPT], { input: JSON.stringify(unique), timeoutMs: 60_000 });
  if (result.code !== 0) return new Map();
  try {
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    return new Map(
      Object.entries(parsed).flatMap(([name, version]) =>
        typeof version === 'string' ? [[normalizeName(name), version] as const] : [],
      ),
    );
  } catch {
    return new Map();
  }
}

// `x 1.0 requires y, which is not installed.` / `x 1.0 has requirement y>=2, but you have y 1.0.`
const CHECK_LINE = /^(\S+) \S+ (?:requires|has requirement) (.+?)\.?$/;

/** `pip check`'s problems for each of `names` (normalised), read from its one line per broken requirement. */
export async function unmetRequirements(
  session: PythonSession,
  names: readonly string[],
): Promise<ReadonlyMap<string, string[]>> {
  const wanted = new Set(names.map(normalizeName));
  const problems = new Map<string, string[]>();
  if (wanted.size === 0) return problems;
  const result = await session.run(['-m', 'pip', 'check'], { timeoutMs: 120_000 });
  for (const line of result.stdout.split(/\r?\n/)) {
    const match = CHECK_LINE.exec(line.trim());
    const name = match?.[1] ? normalizeName(match[1]) : null;
    if (name && match?.[2] && wanted.has(name)) problems.set(name, [...(problems.get(name) ?? []), match[2]]);
  }
  return problems;
}
