/**
 * Why one project did not install, as data: a kind and its parameters, read from the installer's own output (or
 * from the project's files before the installer ran). Words for people are made from it in one place
 * (`causeSummary`, `causeRemedy`); no code decides anything by matching the wording.
 */

export type InstallCause =
  | { readonly kind: 'missing-directory' }
  | { readonly kind: 'not-a-project' }
  | { readonly kind: 'invalid-pyproject'; readonly message: string }
  | { readonly kind: 'installer-unstartable'; readonly message: string }
  /** PEP 668: the interpreter belongs to the system; the installer refuses it. */
  | { readonly kind: 'externally-managed' }
  /** A runtime requirement the installer cannot find (no index, or the index has no matching version). */
  | { readonly kind: 'dependency-unavailable'; readonly requirement: string; readonly name: string }
  /** A dependency the installer had to build (a git URL) failed to build: `backend` when its backend is missing. */
  | {
      readonly kind: 'dependency-build-failed';
      readonly dependency: string;
      readonly url: string | null;
      readonly backend: string | null;
      readonly detail: string;
    }
  /** A build requirement (`[build-system].requires`) the installer cannot install into the isolated build. */
  | { readonly kind: 'build-requirement-unavailable'; readonly requirement: string }
  /** The project's own build backend cannot be imported where the build runs (no isolation). */
  | { readonly kind: 'backend-unavailable'; readonly backend: string; readonly detail: string }
  /** A module the build imports is missing where the build runs (hatchling's `editables`). */
  | { readonly kind: 'build-module-missing'; readonly module: string }
  /** setuptools without `wheel` where the build runs: `error: invalid command 'bdist_wheel'`. */
  | { readonly kind: 'wheel-missing' }
  /** Installed without its dependencies (Amplifier's git-dependency rule), and some requirements are not met. */
  | { readonly kind: 'requirements-unmet'; readonly problems: readonly string[] }
  /** The project's own build failed (its code, its configuration). */
  | { readonly kind: 'build-failed'; readonly summary: string }
  /** The installer failed and its output says nothing more precise. */
  | { readonly kind: 'installer-failed'; readonly summary: string };

export type InstallCauseKind = InstallCause['kind'];

/** Causes that lie in the environment the build runs in, not in the project: every project built alike meets them. */
export function isBuildEnvironmentCause(cause: InstallCause): boolean {
  return (
    cause.kind === 'backend-unavailable' || cause.kind === 'build-module-missing' || cause.kind === 'wheel-missing'
  );
}

/** The cause in one line. */
export function causeSummary(cause: InstallCause): string {
  switch (cause.kind) {
    case 'missing-directory':
      return 'the directory does not exist';
    case 'not-a-project':
      return 'no pyproject.toml, setup.py or setup.cfg';
    case 'invalid-pyproject':
      return `pyproject.toml is not valid TOML: ${cause.message}`;
    case 'installer-unstartable':
      return cause.message;
    case 'externally-managed':
      return 'the interpreter is externally managed (PEP 668): the installer refuses to install into it';
    case 'dependency-unavailable':
      return `needs ${cause.requirement}, which the installer cannot find`;
    case 'dependency-build-failed':
      return cause.backend
        ? `its dependency ${cause.dependency}${cause.url ? ` (${cause.url})` : ''} must be built, and that build's backend cannot be imported: ${cause.backend}`
        : `its dependency ${cause.dependency}${cause.url ? ` (${cause.url})` : ''} failed to build: ${cause.detail}`;
    case 'build-requirement-unavailable':
      return `the build requirement ${cause.requirement} cannot be installed`;
    case 'backend-unavailable':
      return `the build backend cannot be imported: ${cause.backend} (${cause.detail})`;
    case 'build-module-missing':
      return `the build imports '${cause.module}', which is not installed where the build runs`;
    case 'wheel-missing':
      return "setuptools cannot build an editable wheel without the 'wheel' package (error: invalid command 'bdist_wheel')";
    case 'requirements-unmet':
      return `installed without its dependencies, and these requirements are not met: ${cause.problems.join('; ')}`;
    case 'build-failed':
      return cause.summary;
    case 'installer-failed':
      return cause.summary;
  }
}

/** What to change, for a project at `dir` (the command that reproduces the failure is added by the caller). */
export function causeRemedy(cause: InstallCause, dir: string): string {
  switch (cause.kind) {
    case 'missing-directory':
      return 'fetch the module first (amplifier-modules warm), then install it';
    case 'not-a-project':
      return `${dir} is not a Python project: point the source at the directory that holds its pyproject.toml`;
    case 'invalid-pyproject':
      return `correct ${dir}/pyproject.toml`;
    case 'installer-unstartable':
      return 'make the installer runnable (install pip into the environment, or uv on PATH), or choose one with --installer';
    case 'externally-managed':
      return 'install into a virtual environment: create one (python3 -m venv .venv) and pass its interpreter with --python';
    case 'dependency-unavailable':
      return cause.name === 'amplifier-core'
        ? `install the Amplifier runtime (amplifier-core, ${cause.requirement}) into the environment first, as the Amplifier CLI's own environment holds it, or give the installer an index or --find-links that has it (--installer-arg=--find-links=DIR)`
        : `make ${cause.requirement} installable: give the installer an index or --find-links that has it (--installer-arg=--find-links=DIR), or install it into the environment first`;
    case 'dependency-build-failed':
      return `install ${cause.dependency} into the environment first (a prebuilt wheel): Amplifier then pins a git dependency to the installed version and never builds it from git`;
    case 'build-requirement-unavailable':
      return `make the build requirement ${cause.requirement} available to the installer (an index or --find-links it can reach), or build without isolation with it installed (--installer-arg=--no-build-isolation)`;
    case 'backend-unavailable':
      return `install the build backend (${cause.backend}) where the build runs: into the target environment when builds run with --no-build-isolation, or let the installer isolate the build`;
    case 'build-module-missing':
      return cause.module === 'editables'
        ? "hatchling's default editable mode imports 'editables' at build time: install it where the build runs (`pip install editables` into the target environment when builds run with --no-build-isolation), or let the installer isolate the build"
        : `make '${cause.module}' importable where the build runs (builds without isolation use the target environment)`;
    case 'wheel-missing':
      return "install 'wheel' into the target environment (`pip install wheel`), or let the installer isolate the build";
    case 'requirements-unmet':
      return 'install the missing requirements into the environment (or give the installer an index that has them)';
    case 'build-failed':
    case 'installer-failed':
      return `fix the build of ${dir}`;
  }
}
