// Renders issue 16's section of BENCHMARKS.md and splices it between its markers, so `--only frozen` can refresh
// this section alone and a full run writes it after the other figures.
import { spliceSection } from './incremental-report.mjs';
import { makeShow, ms, range, ratio, table } from './report.mjs';

export const START = '<!-- frozen:start (written by `npm run bench`; `--only frozen` refreshes it) -->';
export const END = '<!-- frozen:end -->';

export function renderFrozen(results) {
  const show = makeShow(results);
  const sizes = results.frozen;
  const rows = sizes.map((r) => [
    String(r.n),
    `${ms(r.frozen.ms)} (${range(r.frozen)})`,
    `${ms(r.offline.ms)} (${range(r.offline)})`,
    `${ratio(r.frozen.ms, r.offline.ms)}${r.n === 200 ? ` (${r.frozen.ms <= 1.2 * r.offline.ms ? 'yes' : '**no**'})` : ''}`,
    `${ms(r.online.ms)} (${range(r.online)})`,
    `${r.loadStart.join(', ')} → ${r.loadEnd.join(', ')}`,
  ]);
  const lines = [
    START,
    '## 7. A frozen warm costs what an offline warm costs (issue 16)',
    '',
    `Measured ${results.frozenDate ?? results.machine.date} on a shared machine (\`uptime\` load per N). After a ` +
      'cold `warm` and `lock`, every run has the whole module cache at the locked commits: `warm --frozen` takes its ' +
      'pins from the lock file and starts no `git ls-remote`; `warm --offline` reads them from the module cache; ' +
      '`warm` asks each repository once. The three are run in turn, run after run. Target: `--frozen` within 1.2x of ' +
      '`--offline` at N=200.',
    '',
    table(
      [
        'N',
        '`warm --frozen` (range)',
        '`warm --offline` (range)',
        'frozen / offline (target 1.2x at 200)',
        '`warm`, cached (range)',
        'load',
      ],
      rows,
    ),
    '',
  ];
  const r0 = sizes[0];
  if (r0) {
    lines.push(
      `Commands (shown for N=${r0.n}; runs per N: 5 at N<=50, 3 at N=200):`,
      '',
      `- once before: \`${show(r0.frozen.command, r0.n).replace('warm --frozen', 'warm')}\`, then the same with \`lock\``,
      `- frozen: \`${show(r0.frozen.command, r0.n)}\``,
      `- offline: \`${show(r0.offline.command, r0.n)}\``,
      `- cached: \`${show(r0.online.command, r0.n)}\``,
      `- this section alone: \`node bench/run.mjs --only frozen --sizes ${sizes.map((x) => x.n).join(',')}\``,
      '',
    );
  }
  lines.push(END);
  return lines.join('\n');
}

export function spliceFrozen(text, section) {
  return spliceSection(text, section, START, END);
}
