/**
 * Human-readable rendering of a Report: one line per module, then for every failed module its trail
 * (what each layer really found), its findings and the fix.
 */
import { type Paint, plain } from './colour.js';
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

function failureDetails(module: ReportModule, paint: Paint): string[] {
  const lines = [`${who(module)}: ${paint(module.status, 'bad')}`];
  if (module.declaredAt) lines.push(`  declared at ${module.declaredAt.file}:${module.declaredAt.line}`);
  if (module.origin) lines.push(`  loaded by the Amplifier CLI from: ${originLabel(module)}`);
  lines.push('  resolution trail:');
  module.resolution.trail.forEach((step, index) => {
    lines.push(`    ${index + 1}. ${pad(step.layer, 10)}${pad(step.outcome, 8)}${step.detail}`);
  });
  for (const finding of module.findings) lines.push(`  finding ${finding.code}: ${finding.message}`);
  if (module.fix) lines.push(`  fix: ${module.fix}`);
  return lines;
}

export function renderText(report: Report, paint: Paint = plain): string {
  const lines: string[] = [];
  const idWidth = Math.min(40, Math.max(6, ...report.modules.map((m) => who(m).length)));
  for (const module of report.modules) {
    lines.push(
      [
        statusCell(module.status, 20, paint),
        pad(who(module), idWidth),
        pad(module.kind ?? '-', 12),
        pad(module.resolution.layer ?? '-', 10),
        sourceLabel(module),
        module.path ? `  -> ${module.path}` : '',
        module.fetch ? `  [${module.fetch.origin ?? 'failed'} ${(module.fetch.ms / 1000).toFixed(2)}s]` : '',
        module.origin && module.origin.kind !== 'bundle' ? `  (from ${module.origin.kind} ${module.origin.name})` : '',
      ].join(''),
    );
  }
  if (report.modules.length === 0 && !report.prune) lines.push('no modules declared');

  for (const include of report.unresolvedIncludes) {
    lines.push(`unresolved include ${include.uri} (from ${include.from}): ${include.reason}`);
  }
  for (const warning of report.warnings) {
    const where = warning.file ? `${warning.file}${warning.line ? `:${warning.line}` : ''}: ` : '';
    lines.push(`${paint('warning', 'warn')}: ${where}${warning.message}`);
  }
  const failed = report.modules.filter((m) => m.status !== 'ok');
  if (failed.length > 0) {
    lines.push('');
    for (const module of failed) lines.push(...failureDetails(module, paint), '');
  }
  const okCount = report.modules.length - failed.length;
  if (report.prune) {
    // The directories themselves were listed as they were removed; the summary counts them.
    const verb = report.prune.dryRun ? 'would remove' : 'removed';
    lines.push(
      `prune: ${verb} ${report.prune.removed.length} module-cache director(ies), kept ${report.prune.kept.length}`,
    );
  } else {
    lines.push(`${report.command}: ${okCount} ok, ${failed.length} failed${cacheLine(report)}`);
  }
  return `${lines.join('\n')}\n`;
}

function cacheLine(report: Report): string {
  if (report.cache.hit === 'off') return '';
  const matched = report.cache.matchedKey ? `, matched ${report.cache.matchedKey}` : '';
  return `; CI cache: ${report.cache.hit}${matched}`;
}
