/**
 * The job summary (docs/formats.md, "What it writes"): a headline, one table row per module, and for each failure a
 * collapsed `<details>` with what every layer found and the fix. Pure: Report in, GitHub-flavoured Markdown/HTML out.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { CacheOutcome, TrailEntry } from '../model.js';
import type { Redactor } from '../secrets.js';
import { groupFailures } from './failure-groups.js';
import { installSummary } from './install-summary.js';
import type { Report, ReportModule } from './report.js';

// Every character that Markdown or HTML could read as syntax becomes a numeric entity, so a module id, a path or a
// tool's message is always shown literally and can never break the table (`|`) or open a tag (`<`).
const SPECIAL = /[&<>"|*_`[\]~\\#!]/g;

/** Text made safe for a Markdown table cell or an HTML element body. */
export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, (char) => `&#${char.codePointAt(0)};`).replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}

/** Prose from the core (trail details, fixes): its `backticked` spans become code, the rest is escaped text. */
export function prose(text: string): string {
  return text
    .split(/`([^`\n]+)`/)
    .map((part, index) => (index % 2 === 1 ? code(part) : escapeMarkdown(part)))
    .join('');
}

const NONE = '—';

function moduleLabel(module: ReportModule): string {
  return module.agent ? `${code(module.id)} (agent ${code(module.agent)})` : code(module.id);
}

function sourceCell(module: ReportModule): string {
  const uri = module.resolution.source?.uri ?? module.declaredSource;
  return uri ? code(uri) : NONE;
}

function commitCell(module: ReportModule): string {
  const commit = module.resolution.source?.commit;
  return commit ? code(commit.slice(0, 12)) : NONE;
}

function statusCell(module: ReportModule): string {
  return module.status === 'ok' ? '✅ ok' : `❌ ${escapeMarkdown(module.status)}`;
}

function tableRow(module: ReportModule): string {
  const cells = [
    moduleLabel(module),
    module.kind ? escapeMarkdown(module.kind) : NONE,
    module.resolution.layer ? escapeMarkdown(module.resolution.layer) : NONE,
    sourceCell(module),
    commitCell(module),
    statusCell(module),
  ];
  return `| ${cells.join(' | ')} |`;
}

function headline(report: Report): string {
  const total = report.modules.length;
  const failed = report.modules.filter((module) => module.status !== 'ok').length;
  const title = `amplifier-modules ${escapeMarkdown(report.command)}`;
  if (report.ok) return `## ✅ ${title}: ${total} module${total === 1 ? '' : 's'} ok`;
  if (failed > 0) return `## ❌ ${title}: ${failed} of ${total} module${total === 1 ? '' : 's'} failed`;
  return `## ❌ ${title} failed`;
}

function cacheLine(cache: CacheOutcome): string {
  const key = cache.key ? ` ${code(cache.key)}` : '';
  switch (cache.hit) {
    case 'exact':
      return `Cache: exact hit on${key}`;
    case 'partial':
      return `Cache: partial hit, restored ${cache.matchedKey ? code(cache.matchedKey) : 'an older entry'} for${key}`;
    case 'miss':
      return `Cache: miss for${key}`;
    case 'off':
      return 'Cache: off';
    case 'unavailable':
      return 'Cache: the cache service was unavailable; modules were fetched';
  }
}

function environmentLine(report: Report): string | null {
  if (!report.python && !report.installer) return null;
  const python = report.python ? `Python ${code(report.python)}` : 'Python not used';
  return report.installer ? `${python}, installer ${code(report.installer)}` : python;
}

function trailLine(entry: TrailEntry): string {
  return `- **${escapeMarkdown(entry.layer)}** (${escapeMarkdown(entry.outcome)}): ${prose(entry.detail)}`;
}

function declaredAt(module: ReportModule): string | null {
  if (!module.declaredAt) return null;
  const by = module.agent ? ` (agent ${escapeMarkdown(module.agent)})` : '';
  return `${code(`${module.declaredAt.file}:${module.declaredAt.line}`)}${by}`;
}

/** One block for a failure shared by every declaration in `group` (see failure-groups.ts). */
function failureDetails(group: readonly ReportModule[]): string {
  const [module] = group;
  if (!module) return '';
  const places = group.map(declaredAt).filter((place): place is string => place !== null);
  const where = places.length > 0 ? ` declared at ${places.join(', ')}` : '';
  const lines = [
    '<details>',
    `<summary>${group.length === 1 ? moduleLabel(module) : code(module.id)}: ${escapeMarkdown(module.status)}${where}</summary>`,
    '',
  ];
  if (module.resolution.trail.length > 0) {
    lines.push('Resolution trail:', '', ...module.resolution.trail.map(trailLine), '');
  }
  if (module.findings.length > 0) {
    lines.push('Findings:', '');
    for (const finding of module.findings) {
      const file = finding.file ? ` (${code(finding.file)})` : '';
      lines.push(`- ${code(finding.code)}: ${prose(finding.message)}${file}`);
    }
    lines.push('');
  }
  if (module.path) lines.push(`Path: ${code(module.path)}`, '');
  lines.push(module.fix ? `**Fix:** ${prose(module.fix)}` : '**Fix:** see the trail above.', '', '</details>');
  return lines.join('\n');
}

function diagnosticLine(diagnostic: Diagnostic): string {
  const where = diagnostic.file ? `${code(`${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}`)}: ` : '';
  const fix = diagnostic.fix ? ` Fix: ${prose(diagnostic.fix)}` : '';
  return `- ${where}${prose(diagnostic.message)} (${code(diagnostic.code)})${fix}`;
}

/** The job summary for one run. The report is redacted before anything is rendered. */
export function renderJobSummary(input: Report, redactor: Redactor): string {
  const report = redactor.redactDeep(input);
  const parts: string[] = [headline(report), ''];
  parts.push(cacheLine(report.cache));
  const environment = environmentLine(report);
  if (environment) parts.push('', environment);
  const installs = installSummary(report);
  if (installs) parts.push('', `Install: ${escapeMarkdown(installs)}`);
  parts.push('');
  if (report.modules.length > 0) {
    parts.push('| Module | Kind | Layer | Source | Commit | Status |', '| --- | --- | --- | --- | --- | --- |');
    parts.push(...report.modules.map(tableRow), '');
  }
  const failures = groupFailures(report.modules);
  if (failures.length > 0) {
    parts.push('### Failures', '');
    for (const group of failures) parts.push(failureDetails(group), '');
  }
  if (report.unresolvedIncludes.length > 0) {
    parts.push('### Unresolved includes', '');
    for (const include of report.unresolvedIncludes) {
      parts.push(`- ${code(include.uri)} from ${code(include.from)}: ${prose(include.reason)}`);
    }
    parts.push('');
  }
  if (report.warnings.length > 0) {
    // An input error is carried here too (see the action's error report), so the heading stays neutral.
    parts.push(report.ok || report.modules.length > 0 ? '### Warnings' : '### Errors', '');
    parts.push(...report.warnings.map(diagnosticLine), '');
  }
  return redactor.redact(`${parts.join('\n')}\n`);
}
