/**
 * The cause of one failed build, from the part of the installer's output that follows the project (or dependency)
 * it was working on: the build backend's exception, pip's error while installing build requirements, setuptools'
 * missing `bdist_wheel`, or the build's own last words. `rootCause` does the reading of tracebacks and captured
 * blocks; this file names the cause as data.
 */
import type { InstallCause } from './install-cause.js';
import { type RootCause, rootCause } from './root-cause.js';

export type BuildSubject =
  | { readonly kind: 'project'; readonly dir: string }
  | { readonly kind: 'dependency'; readonly name: string; readonly url: string | null };

const NOT_FOUND = /Could not find a version that satisfies the requirement (\S+)/;
const MISSING_MODULE = /No module named '([^']+)'/;
const GIT_FAILED = /^\s*(?:fatal|error): .*$/m;

/** The cause of the failure in `text` (the output from the subject's first line on), and the lines that show it. */
export function buildFailure(text: string, subject: BuildSubject): { cause: InstallCause; excerpt: string } {
  // One reading of the build's output serves the cause and its excerpt.
  const found = rootCause(text, subject.kind === 'project' ? subject.dir : '/');
  return { cause: causeOf(text, subject, found), excerpt: found.excerpt };
}

function causeOf(text: string, subject: BuildSubject, found: RootCause): InstallCause {
  const lines = text.split(/\r?\n/);
  const buildDeps = lines.findIndex((line) =>
    /Installing build dependencies: .*error|pip subprocess to install build dependencies did not run successfully/.test(
      line,
    ),
  );
  if (buildDeps >= 0) {
    const missing = lines
      .slice(buildDeps)
      .map((line) => NOT_FOUND.exec(line)?.[1])
      .find((r) => r !== undefined);
    if (missing) {
      return subject.kind === 'project'
        ? { kind: 'build-requirement-unavailable', requirement: missing }
        : {
            kind: 'dependency-build-failed',
            dependency: subject.name,
            url: subject.url,
            backend: null,
            detail: `its build requirement ${missing} cannot be installed`,
          };
    }
  }
  if (subject.kind === 'dependency' && /×\s*git clone .*did not run successfully/.test(text)) {
    const said = GIT_FAILED.exec(text)?.[0]?.trim();
    return {
      kind: 'dependency-build-failed',
      dependency: subject.name,
      url: subject.url,
      backend: null,
      detail: `git could not clone it${said ? `: ${said}` : ''}`,
    };
  }
  if (/invalid command 'bdist_wheel'/.test(text))
    return ownOrDependency({ kind: 'wheel-missing' }, subject, found.summary);
  const missingModule = MISSING_MODULE.exec(found.summary)?.[1];
  if (found.shared?.kind === 'backend-unavailable') {
    const backend = missingModule ?? found.summary;
    return subject.kind === 'project'
      ? { kind: 'backend-unavailable', backend, detail: found.summary }
      : { kind: 'dependency-build-failed', dependency: subject.name, url: subject.url, backend, detail: found.summary };
  }
  if (found.shared?.kind === 'build-module-missing' && missingModule) {
    return ownOrDependency({ kind: 'build-module-missing', module: missingModule }, subject, found.summary);
  }
  if (/^pyproject\.toml is not valid TOML: /.test(found.summary) && subject.kind === 'project') {
    return { kind: 'invalid-pyproject', message: found.summary.replace(/^pyproject\.toml is not valid TOML: /, '') };
  }
  return subject.kind === 'project'
    ? { kind: 'build-failed', summary: found.summary }
    : {
        kind: 'dependency-build-failed',
        dependency: subject.name,
        url: subject.url,
        backend: null,
        detail: found.summary,
      };
}

/** A build-environment cause met while building a dependency is that dependency's failed build. */
function ownOrDependency(cause: InstallCause, subject: BuildSubject, summary: string): InstallCause {
  if (subject.kind === 'project') return cause;
  return {
    kind: 'dependency-build-failed',
    dependency: subject.name,
    url: subject.url,
    backend: null,
    detail: summary,
  };
}
