/**
 * Bundle packages (Amplifier's `Bundle.prepare`): every bundle in the composition whose root pyproject.toml has
 * `[project]` or `[build-system]` has its package installed editable before the modules, because modules import from
 * it. One already installed is left alone (as upstream does) unless its editable install dangles or points at
 * another directory; each is a row of the report, audited like a module.
 */
import { join } from 'node:path';
import { CLI_WORDING } from '../../options/option-wording.js';
import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import type { PythonSession } from '../../python/python-session.js';
import type { BundlePackageRow } from '../../report/report.js';
import { auditBundlePackage, type BundlePackageAudit } from '../../stages/audit/bundle-package-audit.js';
import { reinstallFix } from '../../stages/audit/fix-command.js';
import { scanSitePackages } from '../../stages/audit/site-scan.js';
import { failureFix, failureMessage } from '../../stages/install/failure-words.js';
import { type InstallOutcome, installModules } from '../../stages/install/install-modules.js';
import { readProject } from '../../stages/install/pyproject.js';
import { installContext } from './install-stage.js';

interface Candidate {
  readonly name: string;
  readonly root: string;
}

async function candidates(roots: readonly string[], ports: PipelinePorts): Promise<Candidate[]> {
  const found: Candidate[] = [];
  for (const root of roots) {
    const project = await readProject(ports.fs, root);
    if (project.kind === 'pyproject' && project.facts.declaresPackage && project.facts.name) {
      found.push({ name: project.facts.name, root });
    }
  }
  return found;
}

const REASONS: Record<Exclude<BundlePackageAudit['status'], 'ok'>, string> = {
  'not-installed': 'not installed',
  dangling: 'its editable install dangled',
  stale: 'installed from another directory',
};

/** `install --dry-run`: each bundle package as it is, and whether (and why) it would be installed; nothing is. */
function dryRunRows(
  found: readonly Candidate[],
  toInstall: readonly Candidate[],
  before: readonly (BundlePackageAudit | undefined)[],
  reinstall: boolean,
): BundlePackageRow[] {
  return found.map((candidate, index) => {
    const status = before[index]?.status ?? 'not-installed';
    const would = toInstall.includes(candidate);
    const reason = reinstall ? '--reinstall' : REASONS[status === 'ok' ? 'not-installed' : status];
    return {
      name: candidate.name,
      path: candidate.root,
      bundle: join(candidate.root, 'pyproject.toml'),
      status: 'ok',
      install: would ? { installed: false, wouldInstall: true, reason } : { installed: false, reason: 'up to date' },
      findings: [],
      fix: null,
    };
  });
}

export interface BundlePackageResult {
  readonly rows: readonly BundlePackageRow[];
  readonly outcome: InstallOutcome | null;
}

/** `install` false (verify --no-install): audits only. */
export async function bundlePackageStage(
  roots: readonly string[],
  options: Pick<PipelineOptions, 'installer' | 'installerArgs' | 'reinstall' | 'dryRun'>,
  ports: PipelinePorts,
  session: PythonSession,
  install: boolean,
): Promise<BundlePackageResult> {
  const { environment } = session;
  const found = await candidates(roots, ports);
  if (found.length === 0) return { rows: [], outcome: null };
  const scan = await scanSitePackages(ports.fs, environment.sitePackages);
  const before = await Promise.all(found.map((c) => auditBundlePackage(scan, c.name, c.root, ports.fs)));
  const toInstall = install ? found.filter((_, index) => options.reinstall || before[index]?.status !== 'ok') : [];
  if (options.dryRun) return { rows: dryRunRows(found, toInstall, before, options.reinstall ?? false), outcome: null };
  const outcome =
    toInstall.length === 0
      ? null
      : await installModules(
          toInstall.map((c) => ({ id: c.name, path: c.root })),
          installContext(options, ports, session),
        );
  const after = outcome ? await scanSitePackages(ports.fs, environment.sitePackages) : scan;
  const rows: BundlePackageRow[] = [];
  for (const [index, candidate] of found.entries()) {
    const failure = outcome?.failed.find((f) => f.path === candidate.root);
    const installed = toInstall.includes(candidate) && !failure;
    const reason =
      REASONS[before[index]?.status === 'ok' ? 'not-installed' : (before[index]?.status ?? 'not-installed')];
    const base = {
      name: candidate.name,
      path: candidate.root,
      bundle: join(candidate.root, 'pyproject.toml'),
      install: { installed, reason: installed ? (options.reinstall ? '--reinstall' : reason) : 'up to date' },
    };
    if (failure) {
      rows.push({
        ...base,
        status: 'install-failed',
        findings: [{ code: 'install-failed', message: failureMessage(failure), target: candidate.root }],
        fix: failureFix(failure),
      });
      continue;
    }
    const audit = await auditBundlePackage(after, candidate.name, candidate.root, ports.fs);
    rows.push({
      ...base,
      status: audit.status,
      findings:
        audit.status === 'ok'
          ? []
          : [
              {
                code: audit.status === 'not-installed' ? 'not-installed' : 'pth-target-missing',
                message: audit.detail,
                target: candidate.root,
              },
            ],
      fix:
        audit.status === 'ok'
          ? null
          : `install the bundle's package: \`${(ports.wording ?? CLI_WORDING).command('install')}\` with this bundle, or ${reinstallFix(outcome?.installer ?? 'pip', session.environment.python, candidate.root)}`,
    });
  }
  return { rows, outcome };
}
