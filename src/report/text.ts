/**
 * Human-readable rendering of a Report: one line per module, then for every failed module its trail
 * (what each layer really found), its findings and the fix.
 */
import { type Paint, plain } from './colour.js';
import { groupFailures } from './failure-groups.js';
import { installSummary } from './install-summary.js';
import { lockSummary } from './lock-summary.js';
import type { Report, ReportModule } from './report.js';

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width + 1);
}

function sourceLabel(module: ReportModule): string {
  const source = module.resolution.source;
  if (!source) return module.declaredSource ?? '-';
  const commit = source.commit ? ` (${source.commit.slice(0, 12)})` : '';
  return `${source.uri}${commit}`;
}

function who(module: ReportModule): string {
  return module.agent ? `${module.id} [agent ${module.agent}]` : module.id;
}

/** The status word in its colour, padded as the plain word would be (escape codes take no columns). */
function statusCell(status: string, width: number, paint: Paint): string {
  return pad(status, width).replace(status, paint(status, status === 'ok' ? 'good' : 'bad'));
}

/** `--session`: the part of what the Amplifier CLI loads that brought the module in. */
function originLabel(module: ReportModule): string {
  const origin = module.origin;
  if (!origin) return '';
  const where = origin.file ? ` at ${origin.file}:${origin.line ?? 1}` : '';
  return `${origin.kind} ${origin.name}${where}`;
}

/** Continuation lines of a multi-line message, indented under their first line. */
function indented(text: string, indent: string): string {
  return text.split('\n').join(`\n${indent}`);
}

function declaredAtLine(module: ReportModule, show: (path: string) => string): string | null {
  if (!module.declaredAt) return null;
  const by = module.agent ? ` (agent ${module.agent})` : '';
  return `  declared at ${show(module.declaredAt.file)}:${module.declaredAt.line}${by}`;
}

/** One block for a failure, listing every declaration it hit (a module declared by the session and by agents). */
function failureDetails(group: readonly ReportModule[], paint: Paint, show: (path: string) => string): string[] {
  const [module] = group;
  if (!module) return [];
  const label = group.length === 1 ? who(module) : module.id;
  const lines = [`${label}: ${paint(module.status, 'bad')}`];
  for (const declaration of group) {
    const line = declaredAtLine(declaration, show);
    if (line) lines.push(line);
    if (declaration.origin) lines.push(`  loaded by the Amplifier CLI from: ${originLabel(declaration)}`);
  }
  // doctor judges what is installed, not what is declared: there is no trail to show then.
  if (module.resolution.trail.length > 0) lines.push('  resolution trail:');
  module.resolution.trail.forEach((step, index) => {
    lines.push(`    ${index + 1}. ${pad(step.layer, 10)}${pad(step.outcome, 8)}${indented(step.detail, '       ')}`);
  });
  for (const finding of module.findings) lines.push(`  finding ${finding.code}: ${indented(finding.message, '    ')}`);
  if (module.fix) lines.push(`  fix: ${indented(module.fix, '    ')}`);
  return lines;
}

/** What the audit noted about modules that are ok (how one is loaded, sibling clones), each note once. */
function notes(modules: readonly ReportModule[]): string[] {
  const seen = new Set<string>();
  for (const module of modules) {
    if (module.status !== 'ok') continue;
    for (const finding of module.findings) seen.add(`note: ${module.id}: ${indented(finding.message, '  ')}`);
  }
  return [...seen];
}

/** doctor audits what is installed, whatever is declared; the other commands report declarations. */
function emptyLine(report: Report): string {
  if (report.command !== 'doctor') return 'no modules declared';
  return `no editable installs in ${report.environment?.prefix ?? 'the environment'}`;
}

/** How the CLI wants the text: the time the run took for the closing line, `--quiet`, paths as they read best. */
export interface TextView {
  readonly elapsedMs?: number | undefined;
  /** Only the failures and the closing line. */
  readonly quiet?: boolean | undefined;
  /** A path as shown (relative to the working directory where that is shorter); JSON keeps absolute paths. */
  readonly showPath?: ((path: string) => string) | undefined;
}

/** `4ms`, `340ms`, `1.2s`, `83s`: what the closing line says the run took. */
export function elapsedText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

export function renderText(report: Report, paint: Paint = plain, view: TextView = {}): string {
  const body = renderBody(report, paint, view.showPath ?? ((path) => path));
  const closing = closingLines(report);
  if (view.elapsedMs !== undefined) closing[closing.length - 1] += ` in ${elapsedText(view.elapsedMs)}`;
  const failures = body.failures.length > 0 ? ['', ...body.failures] : [];
  const lines = view.quiet ? [...body.failures, ...closing] : [...body.lines, ...failures, ...closing];
  return `${lines.join('\n')}\n`;
}

function renderBody(
  report: Report,
  paint: Paint,
  show: (path: string) => string,
): { lines: string[]; failures: string[] } {
  const lines: string[] = [];
  if (report.environment) {
    const runs = report.environment.executable && report.environment.executable !== report.environment.python;
    const real = runs ? ` (runs ${report.environment.executable})` : '';
    lines.push(`environment: ${report.environment.prefix}, python ${report.environment.python}${real}`);
    lines.push(`  chosen as ${report.environment.reason}`);
  }
  if (report.declarations) {
    const files = report.declarations.files.length > 0 ? `${report.declarations.files.join(', ')}: ` : '';
    lines.push(`declarations: ${files}${report.declarations.reason}`);
  }
  const idWidth = Math.min(40, Math.max(6, ...report.modules.map((m) => who(m).length)));
  for (const module of report.modules) {
    lines.push(
      [
        statusCell(module.status, 20, paint),
        pad(who(module), idWidth),
        pad(module.kind ?? '-', 12),
        pad(module.resolution.layer ?? '-', 10),
        sourceLabel(module),
        module.path ? `  -> ${show(module.path)}` : '',
        module.fetch ? `  [${module.fetch.origin ?? 'failed'} ${(module.fetch.ms / 1000).toFixed(2)}s]` : '',
        module.install?.installed ? `  [installed: ${module.install.reason}]` : '',
        module.install?.wouldInstall ? `  [would install: ${module.install.reason}]` : '',
        module.origin && module.origin.kind !== 'bundle' ? `  (from ${module.origin.kind} ${module.origin.name})` : '',
      ].join(''),
    );
  }
  for (const row of report.bundlePackages ?? []) {
    lines.push(
      `${statusCell(row.status, 20, paint)}${pad(row.name, idWidth)}${pad('bundle-pkg', 12)}${pad('bundle', 10)}-> ${show(row.path)}${row.install.installed ? `  [installed: ${row.install.reason}]` : ''}${row.install.wouldInstall ? `  [would install: ${row.install.reason}]` : ''}`,
    );
  }
  if (report.modules.length === 0 && !report.prune) lines.push(emptyLine(report));
  lines.push(...notes(report.modules));

  for (const include of report.unresolvedIncludes) {
    lines.push(`unresolved include ${include.uri} (from ${include.from}): ${indented(include.reason, '  ')}`);
  }
  for (const warning of report.warnings) {
    const where = warning.file ? `${warning.file}${warning.line ? `:${warning.line}` : ''}: ` : '';
    lines.push(`${paint('warning', 'warn')}: ${where}${indented(warning.message, '  ')}`);
    if (warning.fix) lines.push(`  fix: ${indented(warning.fix, '    ')}`);
  }
  const failures: string[] = [];
  // One block per shared cause: the modules it failed are listed under it, not repeated as blocks of their own.
  const covered = new Set<string>();
  for (const finding of report.environmentFindings ?? []) {
    failures.push(`${paint('environment', 'bad')}: ${finding.message}`);
    for (const id of finding.modules) {
      covered.add(id);
      const own = report.modules.find((m) => m.id === id && m.status !== 'ok')?.findings[0]?.message.split('\n')[0];
      failures.push(`  ${id}${own ? `: ${own}` : ''}`);
    }
    if (finding.fix) failures.push(`  fix: ${finding.fix}`);
    if (finding.reproduce) failures.push(`  reproduce one with: ${finding.reproduce}`);
    failures.push('');
  }
  for (const row of (report.bundlePackages ?? []).filter((r) => r.status !== 'ok' && !covered.has(r.name))) {
    failures.push(`${row.name} (the package of the bundle at ${show(row.path)}): ${paint(row.status, 'bad')}`);
    for (const finding of row.findings)
      failures.push(`  finding ${finding.code}: ${finding.message.split('\n').join('\n    ')}`);
    if (row.fix) failures.push(`  fix: ${row.fix}`);
    failures.push('');
  }
  const own = report.modules.filter((m) => !(m.status === 'install-failed' && covered.has(m.id)));
  for (const group of groupFailures(own)) failures.push(...failureDetails(group, paint, show), '');
  return { lines, failures };
}

/** The closing line (lock: its summary lines): what was done, counted. */
function closingLines(report: Report): string[] {
  const lines: string[] = [];
  const failed = report.modules.filter((m) => m.status !== 'ok');
  const okCount = report.modules.length - failed.length;
  const counts = moduleCounts(report);
  if (report.prune) {
    // The directories themselves were listed as they were removed; the summary counts them.
    const { dryRun, removed, kept, deleted, retentionDays } = report.prune;
    const moved = dryRun ? 'would quarantine' : 'quarantined';
    const gone = dryRun ? 'would delete' : 'deleted';
    const retention = retentionDays === 0 ? 'purged' : `older than ${retentionDays ?? '?'} day(s)`;
    lines.push(
      `prune: ${moved} ${removed.length} module-cache director(ies), kept ${kept.length}; ${gone} ${deleted?.length ?? 0} quarantined (${retention})`,
    );
  } else if (report.lock) {
    lines.push(...lockSummary(report.lock, report.ok));
  } else if (report.command === 'doctor') {
    lines.push(`doctor: ${okCount} editable install(s) ok, ${failed.length} failed`);
  } else {
    lines.push(`${report.command}: ${counts}${installLine(report)}${cacheLine(report)}`);
  }
  return lines;
}

function installLine(report: Report): string {
  const summary = installSummary(report);
  return summary ? `; ${summary}` : '';
}

function cacheLine(report: Report): string {
  if (report.cache.hit === 'off') return '';
  const matched = report.cache.matchedKey ? `, matched ${report.cache.matchedKey}` : '';
  return `; CI cache: ${report.cache.hit}${matched}`;
}

/**
 * `N ok, M failed` in modules, not declarations: a module the session and three agents declare is one module; the
 * number of declarations follows when it differs. A module fails when any of its declarations does.
 */
function moduleCounts(report: Report): string {
  const failedKeys = new Set<string>();
  const keys = new Set<string>();
  for (const module of report.modules) {
    const key = `${module.id}\0${module.path ?? ''}`;
    keys.add(key);
    if (module.status !== 'ok') failedKeys.add(key);
  }
  const declarations =
    report.modules.length === keys.size ? '' : ` (${keys.size} modules, ${report.modules.length} declarations)`;
  return `${keys.size - failedKeys.size} ok, ${failedKeys.size} failed${declarations}`;
}
