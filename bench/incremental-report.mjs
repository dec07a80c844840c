// Renders issue 15's section of BENCHMARKS.md and splices it between its markers, so `--only incremental` can
// refresh this section alone and a full run writes it after the other figures.
import { makeShow, ms, profileBlock, range, ratio, table } from './report.mjs';

export const START = '<!-- incremental:start (written by `npm run bench`; `--only incremental` refreshes it) -->';
export const END = '<!-- incremental:end -->';
// The same section measured with the CLI run by another Node (`--node`); a full run keeps it as it was.
const RUNTIME_START =
  '<!-- incremental-runtime:start (written by `node bench/run.mjs --only incremental --node PATH`) -->';
const RUNTIME_END = '<!-- incremental-runtime:end -->';

function met(ok) {
  return ok ? 'yes' : '**no**';
}

/**
 * What the whole machine spent on the online run, the audit and the pin round. With the daemon on the same cores, a
 * pinning run cannot finish before the audit's CPU plus the round's CPU has been spread over every core.
 */
function machineCpuBlock(sizes) {
  const known = sizes.filter(
    (r) => r.pinRound?.busyMs != null && r.unchanged.busyMs != null && r.noInstall.busyMs != null,
  );
  if (known.length === 0) return [];
  return [
    'What the machine spent on them: CPU time of every process (the CLI, git, Python and the git daemon answering), ' +
      'read from `/proc/stat` around each run (median; 10 ms ticks). A pinning run takes at least as long as the ' +
      'audit, and at least as long as the CPU of the audit plus the round by git alone spread over every core. ' +
      "The CLI's extra beside the bare Node round's extra tells how much of it is Node starting children (each " +
      '`spawn` forks the whole Node process and sets up its pipes and streams on the main thread) and how much is ' +
      "the CLI's own work:",
    '',
    table(
      [
        'N',
        'cores',
        '`verify`, nothing changed',
        '`verify --no-install`',
        'round by git alone',
        'round by a bare Node script',
        "the CLI's extra (nothing changed − no-install − round by git)",
        'the bare Node extra (its round − round by git − `node -e 0`)',
        'least wall time: the larger of no-install and (its CPU + the round by git) / cores',
        'that least / no-install',
      ],
      known.map((r) => {
        // No faster than the audit alone, nor than the CPU both need spread over every core.
        const least = Math.max(r.noInstall.ms, (r.noInstall.busyMs + r.pinRound.busyMs) / r.cores);
        const nodeRound = r.pinRoundNode?.busyMs ?? null;
        const nodeStart = r.node.busyMs ?? null;
        return [
          String(r.n),
          String(r.cores),
          ms(r.unchanged.busyMs),
          ms(r.noInstall.busyMs),
          ms(r.pinRound.busyMs),
          ms(nodeRound),
          ms(r.unchanged.busyMs - r.noInstall.busyMs - r.pinRound.busyMs),
          nodeRound === null || nodeStart === null ? 'n/a' : ms(nodeRound - r.pinRound.busyMs - nodeStart),
          ms(least),
          ratio(least, r.noInstall.ms),
        ];
      }),
    ),
    '',
  ];
}

function phaseTable(r) {
  const runs = [
    ['`verify`, nothing changed', r.phases.unchanged],
    ['`verify`, one rotated', r.phases.rotated],
    ['`verify --no-install`', r.phases.noInstall],
  ];
  const names = [
    ...new Set(runs.flatMap(([, p]) => p.phases.map((x) => x.phase.replace(/^install of \d+$/, 'install')))),
  ];
  const rows = runs.map(([label, p]) => {
    const byName = new Map(p.phases.map((x) => [x.phase.replace(/^install of \d+$/, 'install'), x.ms]));
    const logged = p.phases.reduce((sum, x) => sum + x.ms, 0);
    const start = r.cliVersion.ms;
    return [
      label,
      ms(p.ms),
      ms(start),
      ...names.map((name) => (byName.has(name) ? ms(byName.get(name)) : '—')),
      ms(Math.max(0, p.ms - start - logged)),
    ];
  });
  return table(['run (one, `--verbose`)', 'total', 'CLI start', ...names, 'rest (exit, report, GC)'], rows);
}

export function renderIncremental(results) {
  const show = makeShow(results);
  const sizes = results.incremental;
  const other = results.runtime ?? null;
  const lines = [
    other ? RUNTIME_START : START,
    other ? `## 8. Section 6 again, the CLI run by Node ${other}` : '## 6. Verify costs only what changed (issue 15)',
    '',
    ...(other
      ? [
          'GitHub runs the action on Node 24, which starts faster than Node 20 and keeps a compile cache. Same ' +
            `fixture and commands as section 6, with \`dist/cli/index.js\` and the floor's \`node -e 0\` run by Node ${other}.`,
          '',
        ]
      : []),
    `Measured ${results.incrementalDate ?? results.machine.date}; \`uptime\` load (1, 5, 15 min) is given per N: ` +
      'the machine was shared, so these figures carry that noise. Each N starts from a cold `verify` (empty module ' +
      'cache, fresh venv), which leaves N real editable installs; then, with nothing changed, `verify` (pins every ' +
      'ref with `git ls-remote`), `verify --offline` and `verify --no-install`. "One rotated": module 1 is declared ' +
      'at another ref of the same commit, so it resolves to another cache directory (both directories exist, as ' +
      'after the seed rotation before the old one is pruned) and exactly one module is reinstalled; the run checks ' +
      'that it installed exactly 0 or 1 module. Budget for it: 1.3x `verify --no-install` plus one ' +
      '`pip install -e` of a single module.',
    '',
  ];
  const rows = sizes.map((r) => {
    const budget = r.noInstall.ms * 1.3 + r.singleInstall.ms;
    return [
      String(r.n),
      ms(r.unchanged.ms),
      ms(r.unchangedOffline.ms),
      ms(r.noInstall.ms),
      `${ratio(r.unchanged.ms, r.noInstall.ms)} (${met(r.unchanged.ms <= 1.3 * r.noInstall.ms)}) / ${ratio(r.unchangedOffline.ms, r.noInstall.ms)} (${met(r.unchangedOffline.ms <= 1.3 * r.noInstall.ms)})`,
      ms(r.rotated.ms),
      `${ms(budget)} (${met(r.rotated.ms <= budget)})`,
      `${ms(r.cold.ms)} (${r.cold.runs} run${r.cold.runs === 1 ? '' : 's'})`,
      ratio(r.cold.ms, r.unchanged.ms),
      `${r.loadStart.join(', ')} → ${r.loadEnd.join(', ')}`,
    ];
  });
  lines.push(
    table(
      [
        'N',
        '`verify`, nothing changed',
        '`verify --offline`, nothing changed',
        '`verify --no-install`',
        'nothing changed / no-install (online / offline; target 1.3x)',
        '`verify`, one rotated',
        'budget for one rotated',
        '`verify`, cold',
        'cold / nothing changed',
        'load',
      ],
      rows,
    ),
    '',
    'The online figure beside what its pins cost. A nothing-changed `verify` asks each repository for its ' +
      'refs once (`git ls-remote`); the same round by git alone (`ls-remote-parallel.sh`: `xargs -P 8`, protocol ' +
      'version 0 as the CLI asks) plus the audit is what a run that pins costs with the two one after the other. ' +
      'The same round started by a bare Node script (`ls-remote-node.mjs`: 16 at a time with the pipes the CLI ' +
      'opens) shows what starting the children from Node costs:',
    '',
    table(
      [
        'N',
        'pins inside `verify` (nothing changed − `--offline`)',
        'the same round by git alone',
        'the same round started by a bare Node script (its own start included)',
        'no-install + the round by git',
        'that sum / no-install',
      ],
      sizes
        .filter((r) => r.pinRound)
        .map((r) => {
          const inSequence = r.noInstall.ms + r.pinRound.ms;
          return [
            String(r.n),
            ms(Math.max(0, r.unchanged.ms - r.unchangedOffline.ms)),
            `${ms(r.pinRound.ms)} (${range(r.pinRound)})`,
            r.pinRoundNode ? `${ms(r.pinRoundNode.ms)} (${range(r.pinRoundNode)})` : 'n/a',
            ms(inSequence),
            ratio(inSequence, r.noInstall.ms),
          ];
        }),
    ),
    '',
    ...machineCpuBlock(sizes),
    'The audit beside its floor and the per-module loop (floor: `node -e 0` plus `python -I -c pass` in that venv):',
    '',
    table(
      [
        'N',
        '`verify --no-install`',
        'range',
        'floor',
        'no-install / floor (target 2x at 50)',
        'per-module loop',
        'loop / no-install (target 10x at 50)',
      ],
      sizes.map((r) => {
        const floor = r.node.ms + r.pythonPass.ms;
        return [
          String(r.n),
          ms(r.noInstall.ms),
          range(r.noInstall),
          ms(floor),
          `${ratio(r.noInstall.ms, floor)}${r.n === 50 ? ` (${met(r.noInstall.ms <= 2 * floor)})` : ''}`,
          ms(r.findSpecLoop.ms),
          `${ratio(r.findSpecLoop.ms, r.noInstall.ms)}${r.n === 50 ? ` (${met(r.findSpecLoop.ms >= 10 * r.noInstall.ms)})` : ''}`,
        ];
      }),
    ),
    '',
  );
  for (const r of sizes) {
    lines.push(
      `Where one run goes at N=${r.n} (phases as \`--verbose\` logs them; CLI start = \`--version\`):`,
      '',
      phaseTable(r),
      '',
      profileBlock(`CPU profile at N=${r.n}, \`verify --no-install\``, r.profileNoInstall, show, r.n),
      profileBlock(`CPU profile at N=${r.n}, \`verify\` with nothing changed`, r.profileUnchanged, show, r.n),
    );
  }
  const r0 = sizes[0];
  if (r0) {
    const n = r0.n;
    lines.push(
      'Commands (shown for the first N; `$OPTS`, `$S`, `$IA` as above; runs per N: 5 at N<=50, 3 at N=200):',
      '',
      `- nothing changed: \`${show(r0.unchanged.command, n)}\` (and the same with \`--offline\`)`,
      `- no-install: \`${show(r0.noInstall.command, n)}\``,
      `- one rotated: the same as nothing changed, after switching module 1's ref between \`main\` and \`rotated\` in the profile`,
      `- single-module install: \`${show(r0.singleInstall.command, n)}\``,
      `- cold: \`rm -rf $S/home/cache\`, a fresh venv, then the same as nothing changed`,
      `- per-module loop: \`${show(r0.findSpecLoop.command, n)}\``,
      `- floor: \`node -e 0\` plus \`${show(r0.pythonPass.command, n)}\``,
      ...(r0.pinRound ? [`- pins by git alone: \`${show(r0.pinRound.command, n)}\``] : []),
      ...(r0.pinRoundNode ? [`- the same round started by Node: \`${show(r0.pinRoundNode.command, n)}\``] : []),
      `- phases: the same commands with \`--verbose --format json\`, reading the \`timing:\` lines`,
      `- this section alone: \`node bench/run.mjs --only incremental --sizes ${sizes.map((x) => x.n).join(',')}${other ? ' --node PATH' : ''}\``,
      '',
    );
  }
  lines.push(other ? RUNTIME_END : END);
  return lines.join('\n');
}

/** `text` with the section between `startMarker` and `endMarker` replaced (or appended when it has none yet). */
export function spliceSection(text, section, startMarker, endMarker) {
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start >= 0 && end > start) return `${text.slice(0, start)}${section}${text.slice(end + endMarker.length)}`;
  return `${text.trimEnd()}\n\n${section}\n`;
}

export function spliceIncremental(text, section) {
  return spliceSection(text, section, START, END);
}

export function spliceOtherRuntime(text, section) {
  return spliceSection(text, section, RUNTIME_START, RUNTIME_END);
}

/** `next` with the other-runtime section of `previous` carried over, when `previous` has one. */
export function keepOtherRuntime(previous, next) {
  const start = previous.indexOf(RUNTIME_START);
  const end = previous.indexOf(RUNTIME_END);
  if (start < 0 || end < start) return next;
  return spliceOtherRuntime(next, previous.slice(start, end + RUNTIME_END.length));
}
