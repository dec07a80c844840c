/**
 * The job summary (docs/formats.md, "What it writes"), built to be read at a glance: the verdict first (it agrees
 * with the step: `ok` false is a red step), then each failure with its cause and fix in plain sight (only the layer
 * trail is folded), skipped includes once, warnings, and last the ok modules folded into one line with their table
 * collapsed under it. Pure: Report in, GitHub-flavoured Markdown out (markdown-text.ts keeps every value literal).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { CacheOutcome, TrailEntry } from '../model.js';
import type { Redactor } from '../secrets.js';
import { annotationPath, STATUS_PHRASE } from './annotations.js';
import { groupFailures } from './failure-groups.js';
import { installSummary } from './install-summary.js';
import { codeSpan, escapeText, htmlText, prose } from './markdown-text.js';
import type { Report, ReportModule } from './report.js';

export { codeSpan, escapeText, prose } from './markdown-text.js';

export interface SummaryOptions {
  /** Declaring files are shown relative to it (as annotations are). */
  readonly workspace?: string | undefined;
}

const NONE = '—';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function headline(report: Report): string {
  const total = report.modules.length;
  const failed = groupFailures(report.modules).length;
  const title = `amplifier-modules ${escapeText(report.command)}`;
  if (report.ok) return `## ✅ ${title}: ${plural(total, 'module')} ok`;
  if (failed > 0) {
    const declared = report.modules.filter((module) => module.status !== 'ok').length;
    return `## ❌ ${title}: ${declared} of ${plural(total, 'module')} failed`;
  }
  return `## ❌ ${title} failed`;
}

function cachePhrase(cache: CacheOutcome): string {
  const key = cache.key ? ` ${codeSpan(cache.key)}` : '';
  switch (cache.hit) {
    case 'exact':
      return `Cache: exact hit on${key}`;
    case 'partial':
      return `Cache: partial hit, restored ${cache.matchedKey ? codeSpan(cache.matchedKey) : 'an older entry'} for${key}`;
    case 'miss':
      return `Cache: miss for${key}`;
    case 'off':
      return 'Cache: off';
    case 'unavailable':
      return 'Cache: the cache service was unavailable; modules were fetched';
  }
}

/** Cache, interpreter and installs on one line: context, not news. */
function contextLine(report: Report): string {
  const parts = [cachePhrase(report.cache)];
  if (report.python) parts.push(`Python ${codeSpan(report.python)}`);
  if (report.installer) parts.push(`installer ${codeSpan(report.installer)}`);
  const installs = installSummary(report);
  if (installs) parts.push(`install: ${escapeText(installs)}`);
  return parts.join(' · ');
}

function where(file: string, line: number | null | undefined, options: SummaryOptions): string {
  const path = options.workspace ? annotationPath(file, options.workspace) : file;
  return codeSpan(line ? `${path}:${line}` : path);
}

function declaredAt(module: ReportModule, options: SummaryOptions): string | null {
  if (!module.declaredAt) return null;
  const by = module.agent ? ` (agent ${codeSpan(module.agent)})` : '';
  return `${where(module.declaredAt.file, module.declaredAt.line, options)}${by}`;
}

/** What went wrong, in the module's own terms: its findings, else what the layers that looked said. */
function causeLines(module: ReportModule): string[] {
  if (module.findings.length > 0) {
    return module.findings.map((finding) => `- ${prose(finding.message)} (${codeSpan(finding.code)})`);
  }
  const said = module.resolution.trail.filter((entry) => entry.outcome === 'rejected' || entry.outcome === 'matched');
  const phrase = `${escapeText(module.id)} ${escapeText(STATUS_PHRASE[module.status])}`;
  return said.length > 0 ? [`- ${phrase}: ${said.map((entry) => prose(entry.detail)).join('; ')}`] : [`- ${phrase}`];
}

function trailLine(entry: TrailEntry): string {
  return `- **${escapeText(entry.layer)}** (${escapeText(entry.outcome)}): ${prose(entry.detail)}`;
}

/** One failure shared by every declaration in `group` (failure-groups.ts): heading, cause, fix, folded trail. */
function failureBlock(group: readonly ReportModule[], options: SummaryOptions): string[] {
  const [module] = group;
  if (!module) return [];
  const places = group.map((m) => declaredAt(m, options)).filter((place): place is string => place !== null);
  const lines = [`### ❌ ${codeSpan(module.id)} ${escapeText(module.status)}`, ''];
  if (places.length > 0) lines.push(`Declared at ${places.join(', ')}`, '');
  lines.push(...causeLines(module), '');
  lines.push(module.fix ? `**Fix:** ${prose(module.fix)}` : '**Fix:** see what each layer found, below.', '');
  if (module.resolution.trail.length > 0) {
    lines.push('<details><summary>What each layer found</summary>', '');
    lines.push(...module.resolution.trail.map(trailLine));
    if (module.path) lines.push(`- path: ${codeSpan(module.path)}`);
    lines.push('', '</details>', '');
  }
  return lines;
}

function okTable(modules: readonly ReportModule[]): string[] {
  const rows = modules.map((module) => {
    const source = module.resolution.source?.uri ?? module.declaredSource;
    const commit = module.resolution.source?.commit;
    const cells = [
      codeSpan(module.agent ? `${module.id} (agent ${module.agent})` : module.id, 'cell'),
      module.kind ? escapeText(module.kind) : NONE,
      module.resolution.layer ? escapeText(module.resolution.layer) : NONE,
      source ? codeSpan(source, 'cell') : NONE,
      commit ? codeSpan(commit.slice(0, 12), 'cell') : NONE,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return ['| Module | Kind | Layer | Source | Commit |', '| --- | --- | --- | --- | --- |', ...rows];
}

function diagnosticLine(diagnostic: Diagnostic, options: SummaryOptions): string {
  const at = diagnostic.file ? `${where(diagnostic.file, diagnostic.line, options)}: ` : '';
  const fix = diagnostic.fix ? ` **Fix:** ${prose(diagnostic.fix)}` : '';
  return `- ${at}${prose(diagnostic.message)} (${codeSpan(diagnostic.code)})${fix}`;
}

/** The job summary for one run. The report is redacted before anything is rendered. */
export function renderJobSummary(input: Report, redactor: Redactor, options: SummaryOptions = {}): string {
  const report = redactor.redactDeep(input);
  const parts: string[] = [headline(report), '', contextLine(report), ''];
  // An error report (bad input, a machine failure) carries its error as its only diagnostic: it comes first.
  const isError = !report.ok && report.modules.length === 0;
  // A skipped include is listed once, under its own heading, not again among the warnings.
  const warnings = report.warnings.filter((warning) => warning.code !== 'include-skipped');
  if (isError && warnings.length > 0) parts.push(...warnings.map((w) => diagnosticLine(w, options)), '');
  for (const group of groupFailures(report.modules)) parts.push(...failureBlock(group, options));
  if (report.unresolvedIncludes.length > 0) {
    parts.push(`### Skipped includes (${report.unresolvedIncludes.length})`, '');
    for (const include of report.unresolvedIncludes) {
      // The reason often repeats the URI; once at the start of the line is enough.
      parts.push(`- ${codeSpan(include.uri)}: ${prose(include.reason.split(include.uri).join('it'))}`);
    }
    parts.push('');
  }
  if (!isError && warnings.length > 0) {
    parts.push('### Warnings', '', ...warnings.map((w) => diagnosticLine(w, options)), '');
  }
  const ok = report.modules.filter((module) => module.status === 'ok');
  if (ok.length > 0) {
    parts.push(`<details><summary>✅ ${htmlText(plural(ok.length, 'module'))} ok</summary>`, '');
    parts.push(...okTable(ok), '', '</details>', '');
  }
  return redactor.redact(`${parts.join('\n')}\n`);
}
