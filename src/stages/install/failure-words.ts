/**
 * A failed install in words, made from its cause (data): the message of its finding, its fix with the command
 * that reproduces the failure for that project alone, and the causes several projects share, said once as a
 * finding about the environment with one fix instead of once per module.
 */
import type { EnvironmentFinding } from '../../diagnostics.js';
import { causeRemedy, causeSummary, type InstallCause } from './install-cause.js';
import { formatCommandLine } from './install-command.js';
import type { FailedInstall } from './install-modules.js';

export function failureMessage(failure: FailedInstall): string {
  const summary = causeSummary(failure.cause);
  const head = failure.sameCauseAs
    ? `${summary} (not built separately: it is built like ${failure.sameCauseAs}, whose build met this cause in the build environment)`
    : summary;
  return failure.excerpt && failure.excerpt !== summary ? `${head}\n${failure.excerpt}` : head;
}

export function failureFix(failure: FailedInstall): string {
  const again = failure.reproduce ? `; reproduce with: ${formatCommandLine(failure.reproduce)}` : '';
  return `${causeRemedy(failure.cause, failure.path)}, then rerun${again}`;
}

/** The dependency a cause is about, when several projects can share it. */
function sharedKey(cause: InstallCause): string | null {
  if (cause.kind === 'dependency-unavailable') return cause.name;
  if (cause.kind === 'dependency-build-failed') return cause.dependency;
  if (cause.kind === 'externally-managed') return 'externally-managed';
  return null;
}

/** One finding per dependency (or environment refusal) that failed two or more module directories. */
export function environmentFindings(failed: readonly FailedInstall[]): EnvironmentFinding[] {
  const groups = new Map<
    string,
    { cause: InstallCause; ids: Set<string>; paths: Set<string>; reproduce: string | null }
  >();
  for (const failure of failed) {
    const key = sharedKey(failure.cause);
    if (key === null) continue;
    const reproduce = failure.reproduce ? formatCommandLine(failure.reproduce) : null;
    const group = groups.get(key) ?? {
      cause: failure.cause,
      ids: new Set<string>(),
      paths: new Set<string>(),
      reproduce,
    };
    group.ids.add(failure.id);
    group.paths.add(failure.path);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((group) => group.paths.size >= 2)
    .map(({ cause, ids, reproduce }) => ({
      code: cause.kind,
      message: `${describeShared(cause)}: ${ids.size} modules cannot install`,
      fix: causeRemedy(cause, ''),
      modules: [...ids],
      reproduce,
    }));
}

function describeShared(cause: InstallCause): string {
  if (cause.kind === 'dependency-unavailable')
    return `${cause.name} is not in the environment and the installer cannot find it`;
  if (cause.kind === 'dependency-build-failed')
    return `${cause.dependency} is not in the environment and cannot be built from ${cause.url ?? 'source'}`;
  return causeSummary(cause);
}
