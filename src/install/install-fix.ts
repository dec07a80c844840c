/**
 * The fix line for a failed editable install: what to change, then the one command that reproduces the failure
 * for that project alone (the same installer, interpreter and flags as the batch that failed).
 */
import { formatCommandLine } from './install-command.js';
import type { FailedInstall } from './install-modules.js';

const MISSING_MODULE = /No module named '([^']+)'/;

function remedy(failure: FailedInstall): string {
  const missing = MISSING_MODULE.exec(failure.cause)?.[1];
  if (missing === 'editables')
    return `hatchling's default editable mode imports 'editables' at build time: install it where the build runs (\`pip install editables\` into the target environment when builds run with --no-build-isolation), or let the installer isolate the build`;
  if (/^the build backend cannot be imported/.test(failure.cause))
    return 'install the build backend named in [build-system] of its pyproject.toml where the build runs, or let the installer isolate the build';
  if (/^a build requirement cannot be installed/.test(failure.cause))
    return 'make the build requirement available to the installer (an index or --find-links it can reach)';
  if (missing !== undefined && failure.sameCauseAs !== null)
    return `make '${missing}' importable where the build runs (builds without isolation use the target environment)`;
  if (/^pyproject\.toml is not valid TOML/.test(failure.cause)) return `correct ${failure.path}/pyproject.toml`;
  return `fix the build of ${failure.path}`;
}

export function installFix(failure: FailedInstall): string {
  const again = failure.reproduce ? `; reproduce with: ${formatCommandLine(failure.reproduce)}` : '';
  return `${remedy(failure)}, then rerun${again}`;
}
