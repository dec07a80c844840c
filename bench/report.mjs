// Renders BENCHMARKS.md from one run's measurements: every figure with its command, the targets, and for each missed
// target the breakdown that says why.
import { linearFit } from './measure.mjs';

const INSTALLER_ARGS = '--installer-arg=--no-build-isolation --installer-arg=--no-deps --installer-arg=--no-index';

/** The N the audit targets are stated for: 50 when measured, else the middle size. */
export function auditSize(sizes) {
  return sizes.includes(50) ? 50 : sizes[Math.floor(sizes.length / 2)];
}

export function ms(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  if (Math.abs(value) < 10) return `${value.toFixed(1)} ms`;
  if (Math.abs(value) < 1000) return `${value.toFixed(0)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}

function mb(kb) {
  return kb === null || kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`;
}

export function ratio(a, b) {
  return `${(a / b).toFixed(1)}x`;
}

export function range(m) {
  return m.runs > 1 ? `${ms(m.min)} – ${ms(m.max)}` : 'one run';
}

function shellWord(word) {
  return /^[A-Za-z0-9_@%+=:,./$-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function makeShow(results) {
  const { work, root, port, node } = results.display;
  return (command, n) => {
    let text = command
      .map((word) => (word === node ? 'node' : shellWord(word)))
      .join(' ')
      .replaceAll(`${work}/cli/index.js`, 'dist/cli/index.js');
    if (n !== undefined) {
      const s = `${work}/n${n}`;
      const opts = `-p ${s}/workspace/.amplifier/profiles/bench.md -w ${s}/workspace --home ${s}/home --python ${s}/venv/bin/python`;
      text = text.replaceAll(opts, '$OPTS').replaceAll(s, '$S');
    }
    return text
      .replaceAll(INSTALLER_ARGS, '$IA')
      .replaceAll(`git://127.0.0.1:${port}`, '$BASE')
      .replaceAll(work, '$W')
      .replaceAll(`${root}/`, '');
  };
}

export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function commandList(items) {
  return items.map(([label, command, note]) => `- ${label}: \`${command}\`${note ? ` ${note}` : ''}`).join('\n');
}

/** Per-module cost between consecutive sizes, and the least-squares fit over all of them. */
function scaling(sizes, pick) {
  const points = sizes.map((r) => ({ x: r.n, y: pick(r) })).filter((p) => p.y !== null && p.y !== undefined);
  const marginals = [];
  for (let i = 1; i < points.length; i += 1) {
    marginals.push({
      from: points[i - 1].x,
      to: points[i].x,
      perModule: (points[i].y - points[i - 1].y) / (points[i].x - points[i - 1].x),
    });
  }
  return { fit: points.length >= 2 ? linearFit(points) : null, marginals };
}

/** Linear: the last per-module cost is at most 1.5x the first (or both are below 1 ms per module: noise). */
function looksLinear({ marginals, fit }) {
  if (marginals.length < 2) return true;
  const first = Math.max(marginals[0].perModule, fit ? fit.slope : 0);
  const last = marginals[marginals.length - 1].perModule;
  return last <= 1.0 || last <= 1.5 * first;
}

export function profileBlock(title, profile, show, n) {
  if (!profile) return '';
  const top = profile.top.map((t) => `| ${t.name.replaceAll('|', '\\|')} | ${ms(t.ms)} |`).join('\n');
  return [
    `**${title}** — \`${show(profile.command, n)}\`: ${ms(profile.totalMs)} of main-thread samples.`,
    '`(idle)` is the main thread waiting for children (git, Python) and the file system.',
    '',
    '| self time, top entries | ms |',
    '|---|---|',
    top,
    '',
  ].join('\n');
}

/** Where `verify --no-install` goes at one N, from differences between commands measured in the same run. */
/** A difference between two commands that is not above zero: the work it stands for ran beside the Python session. */
function beside(value) {
  return value > 0 ? ms(value) : 'no measurable difference (it runs beside the Python session)';
}

function breakdownFor(floors) {
  return (r) => {
    const start = floors.cliVersion.ms;
    const resolve = Math.max(0, r.resolve.ms - start);
    const clones = Math.max(0, r.warmOffline.ms - r.resolve.ms);
    const audit = Math.max(0, r.verifyOffline.ms - r.warmOffline.ms - r.probeOnce.ms);
    return { start, resolve, clones, probe: r.probeOnce.ms, audit, pin: r.verifyNoInstall.ms - r.verifyOffline.ms };
  };
}

export function renderReport(results) {
  const show = makeShow(results);
  const sizes = results.sizes;
  const byN = new Map(sizes.map((r) => [r.n, r]));
  const maxN = sizes[sizes.length - 1].n;
  const minN = sizes[0].n;
  const auditN = results.auditN;
  const A = byN.get(auditN);
  const M = byN.get(maxN);
  const S0 = byN.get(minN);
  const floors = results.floors;
  const breakdown = breakdownFor(floors);
  const m = results.machine;
  const out = [];
  const say = (...lines) => out.push(...lines);

  say(
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` (\`node bench/run.mjs\`) on ${m.date}; the whole run took ${(results.totalSeconds / 60).toFixed(1)} minutes.`,
    'Do not edit by hand: rerun the command. Every figure is measured side by side, in the same run, with the naive',
    'way a user would script the same thing; every time is the **median** of repeated runs (the run count is given).',
    '',
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ['CPU', m.cpu],
        ['memory', m.memory],
        ['OS', m.os],
        ['Node', m.node],
        ['Python (venvs)', `${m.python}, ${m.pip}, ${m.setuptools}`],
        ['git', m.git],
        [
          'load average (1 min) at start / end',
          results.load ? `${results.load.start} / ${results.load.end} (other work on the machine adds noise)` : 'n/a',
        ],
        ['peak memory read with', results.memory],
      ],
    ),
    '',
    '## Fixtures and notation',
    '',
    `- N module repositories (N = ${sizes.map((r) => r.n).join(', ')}), generated by \`bench/fixtures.mjs\`: the layouts rotate`,
    '  setuptools flat, setuptools `src/`, hatchling (`[tool.hatch.build] dev-mode-dirs = ["."]`, Debian has no',
    '  `editables`); each is a git repository on `main` with a package, an `amplifier.modules` entry point, tests and a README.',
    `- Served by \`${results.daemon
      .join(' ')
      .replaceAll(results.display.work, '$W')
      .replace(/--port=\d+/, '--port=$PORT')}\`: every fetch and ls-remote goes through a real socket.`,
    '- A profile `$S/workspace/.amplifier/profiles/bench.md` declaring the N modules as `tools`, each',
    '  `source: git+git://127.0.0.1:$PORT/amplifier-module-tool-bNNN@main`; an empty Amplifier home; a venv made with',
    "  `/usr/bin/python3 -m venv --system-site-packages --without-pip` (Debian's pip, setuptools and hatchling come from",
    '  the system site-packages). Installs are offline.',
    '- Notation in the commands: `$W` the temporary work directory, `S=$W/n<N>`, `BASE=git://127.0.0.1:$PORT`,',
    '  `OPTS="-p $S/workspace/.amplifier/profiles/bench.md -w $S/workspace --home $S/home --python $S/venv/bin/python"`,',
    `  \`IA="${INSTALLER_ARGS}"\`. Every command runs from the repository root; \`dist/cli/index.js\` is run from a copy`,
    '  of `dist/cli/` taken when the benchmark starts, so a rebuild during the run cannot mix two builds.',
    `- Runs: ${sizes.map((r) => `${r.runs} at N=${r.n}`).join(', ')} unless a table says otherwise. Ranges are min – max.`,
    '',
  );

  // Targets.
  const floorAudit = A.pythonPass.ms + floors.node.ms;
  const auditVsFloor = A.verifyNoInstall.ms / floorAudit;
  const auditOfflineVsFloor = A.verifyOffline.ms / floorAudit;
  const loopSpeedup = A.findSpecLoop.ms / A.verifyNoInstall.ms;
  const loopSpeedupOffline = A.findSpecLoop.ms / A.verifyOffline.ms;
  const warmBudget = 1000 + M.lsRemoteParallel.ms;
  const scaled = {
    resolve: scaling(sizes, (r) => r.resolve.ms),
    'warm (cached)': scaling(sizes, (r) => r.warmCached.ms),
    'warm --offline': scaling(sizes, (r) => r.warmOffline.ms),
    'verify --no-install': scaling(sizes, (r) => r.verifyNoInstall.ms),
    'verify --no-install --offline': scaling(sizes, (r) => r.verifyOffline.ms),
  };
  const nonLinear = Object.entries(scaled).filter(([, s]) => !looksLinear(s));
  const targets = [
    {
      id: 'audit-floor',
      text: `audit of ${auditN} modules within 2x the floor (\`python -I -c pass\` + \`node -e 0\` = ${ms(floorAudit)})`,
      measured: `\`verify --no-install\` ${ms(A.verifyNoInstall.ms)} = ${auditVsFloor.toFixed(1)}x; with \`--offline\` ${ms(A.verifyOffline.ms)} = ${auditOfflineVsFloor.toFixed(1)}x`,
      met: auditVsFloor <= 2,
    },
    {
      id: 'audit-loop',
      text: `audit of ${auditN} modules >= 10x faster than one \`find_spec\` process per module`,
      measured: `${loopSpeedup.toFixed(1)}x (loop ${ms(A.findSpecLoop.ms)}); with \`--offline\` ${loopSpeedupOffline.toFixed(1)}x`,
      met: loopSpeedup >= 10,
    },
    {
      id: 'warm-cached',
      text: `cached \`warm\` of ${maxN} modules under 1 s plus one ls-remote round per repository (${ms(M.lsRemoteParallel.ms)}, 8 at a time)`,
      measured: `${ms(M.warmCached.ms)} against a budget of ${ms(warmBudget)}`,
      met: M.warmCached.ms <= warmBudget,
    },
    {
      id: 'offline',
      text: `\`warm --offline\` of ${maxN} modules under 0.5 s`,
      measured: `${ms(M.warmOffline.ms)} (\`verify --no-install --offline\`: ${ms(M.verifyOffline.ms)})`,
      met: M.warmOffline.ms <= 500,
    },
    {
      id: 'linear',
      text: 'cost linear in N (per-module cost of the last step at most 1.5x that of the first step or of the fit)',
      measured:
        nonLinear.length === 0 ? 'yes for every command of figure 5' : `no: ${nonLinear.map(([k]) => k).join(', ')}`,
      met: nonLinear.length === 0,
    },
  ];
  say(
    '## Targets',
    '',
    table(
      ['target', 'measured', 'met'],
      targets.map((t) => [t.text, t.measured, t.met ? 'yes' : '**no** (see below)']),
    ),
    '',
  );

  // 1. Audit.
  say(
    '## 1. Audit: `verify --no-install` vs one `find_spec` process per module',
    '',
    'The modules are installed (figure 2) and nothing changed. `verify --no-install` audits the environment as it is:',
    'it reads the pins from the module cache (no `git ls-remote`), so it and its `--offline` twin should agree.',
    '',
    table(
      [
        'N',
        '`verify --no-install`',
        '`… --offline`',
        'per-module loop',
        'loop / verify',
        'loop / verify --offline',
        'floor',
        'verify / floor',
      ],
      sizes.map((r) => {
        const floor = r.pythonPass.ms + floors.node.ms;
        return [
          r.n,
          ms(r.verifyNoInstall.ms),
          ms(r.verifyOffline.ms),
          ms(r.findSpecLoop.ms),
          ratio(r.findSpecLoop.ms, r.verifyNoInstall.ms),
          ratio(r.findSpecLoop.ms, r.verifyOffline.ms),
          ms(floor),
          `${(r.verifyNoInstall.ms / floor).toFixed(1)}x (offline ${(r.verifyOffline.ms / floor).toFixed(1)}x)`,
        ];
      }),
    ),
    '',
    'Where `verify --no-install` goes, from differences between commands of this run: CLI start = `--version`;',
    'resolve = `resolve` − CLI start; clone check = `warm --offline` − `resolve`; probe = one Python process asking',
    'for every module (floors table); scan + judge + report = `verify --no-install --offline` − `warm --offline` − probe;',
    'pin = `verify --no-install` − `verify --no-install --offline`.',
    '',
    table(
      ['N', 'CLI start', 'resolve', 'clone check', 'probe', 'scan + judge + report', 'pin (network)'],
      sizes.map((r) => {
        const b = breakdown(r);
        return [r.n, ms(b.start), ms(b.resolve), ms(b.clones), ms(b.probe), ms(b.audit), ms(b.pin)];
      }),
    ),
    '',
    commandList([
      ['this project', show(A.verifyNoInstall.command, auditN), '(and the same with `--offline`)'],
      ['naive loop', show(A.findSpecLoop.command, auditN)],
      [
        'floor',
        show(A.pythonPass.command, auditN),
        `plus \`${show(floors.node.command)}\` (the venv's site start-up with its N editable .pth files is part of it)`,
      ],
    ]),
    '',
  );

  // 2. Install.
  say(
    '## 2. Install: one batched installer call vs one `pip install -e` per module',
    '',
    `pip is forced (\`--installer pip\`) so both sides use the same installer. The naive loop is measured on the first`,
    `${results.installSample} modules (all three layouts) in a fresh venv and extrapolated linearly to N where N is larger;`,
    `the batched install is measured ${S0.install.runs} times at N=${minN} (a fresh venv each time) and once at larger N`,
    '(that run is also what installs the venv the audit then checks).',
    '',
    table(
      ['N', '`install` (batched)', 'runs', 'naive loop measured', 'naive loop for N', 'loop / batched', 'peak memory'],
      sizes.map((r) => {
        const perModule = r.pipLoop.ms / r.pipLoop.sample;
        const projected = perModule * r.n;
        const measured = `${ms(r.pipLoop.ms)} for ${r.pipLoop.sample} (${r.pipLoop.runs} run${r.pipLoop.runs > 1 ? 's' : ''})`;
        return [
          r.n,
          ms(r.install.ms),
          r.install.runs,
          measured,
          r.pipLoop.sample === r.n ? ms(projected) : `${ms(projected)} (extrapolated)`,
          ratio(projected, r.install.ms),
          mb(r.install.peakKb),
        ];
      }),
    ),
    '',
    commandList([
      ['this project', show(S0.install.command, minN)],
      ['naive loop', show(S0.pipLoop.command, minN)],
    ]),
    '',
  );

  // 3. Cold warm.
  say(
    '## 3. Cold warm: pinned shallow fetches in parallel vs a sequential `git clone` per module',
    '',
    'Before every run the module cache (or the clone directory) is deleted; the daemon keeps serving.',
    '',
    table(
      ['N', '`warm`, empty cache', 'range', 'clone loop', 'range', 'loop / warm'],
      sizes.map((r) => [
        r.n,
        ms(r.warmCold.ms),
        range(r.warmCold),
        ms(r.cloneLoop.ms),
        range(r.cloneLoop),
        ratio(r.cloneLoop.ms, r.warmCold.ms),
      ]),
    ),
    '',
    commandList([
      ['this project', `rm -rf $S/home/cache; ${show(S0.warmCold.command, minN)}`],
      ['naive loop', `rm -rf $S/clones; mkdir $S/clones; ${show(S0.cloneLoop.command, minN)}`],
    ]),
    '',
  );

  // 4. Everything cached.
  const vCold = S0.verifyCold;
  const vSame = S0.verifyUnchanged;
  say(
    '## 4. Everything cached: nothing changed vs cold',
    '',
    table(
      ['N', '`warm`, cold', '`warm`, cached', 'cold / cached', '`warm --offline`', 'cold / offline'],
      sizes.map((r) => [
        r.n,
        ms(r.warmCold.ms),
        ms(r.warmCached.ms),
        ratio(r.warmCold.ms, r.warmCached.ms),
        ms(r.warmOffline.ms),
        ratio(r.warmCold.ms, r.warmOffline.ms),
      ]),
    ),
    '',
    vCold && vSame
      ? [
          `Full \`verify\` (install + audit) at N=${minN}: cold (empty module cache, fresh venv) ${ms(vCold.ms)}`,
          `(${range(vCold)}, ${vCold.runs} runs); nothing changed ${ms(vSame.ms)} (${range(vSame)}, ${vSame.runs} runs):`,
          `${ratio(vCold.ms, vSame.ms)} — ${vSame.ms > 0.5 * vCold.ms ? 'see "verify reinstalls everything" below' : 'the unchanged run skips the work'}.`,
        ].join('\n')
      : '',
    '',
    commandList([
      ['cached', show(S0.warmCached.command, minN)],
      ['offline', show(S0.warmOffline.command, minN)],
      ...(vCold
        ? [['full verify', show(vCold.command, minN), '(cold: `rm -rf $S/home/cache` and a fresh venv first)']]
        : []),
    ]),
    '',
  );

  // 5. Scale.
  const scaleRows = [
    ['`resolve`', (r) => r.resolve],
    ['`warm` (cached)', (r) => r.warmCached],
    ['`warm --offline`', (r) => r.warmOffline],
    ['`verify --no-install`', (r) => r.verifyNoInstall],
    ['`verify --no-install --offline`', (r) => r.verifyOffline],
  ];
  const memSlope = (pick) => {
    const points = sizes.map((r) => ({ x: r.n, y: pick(r).peakKb })).filter((p) => p.y !== null);
    return points.length >= 2 ? linearFit(points).slope : null;
  };
  say(
    '## 5. Scale: time and peak memory against N',
    '',
    `Peak memory: ${results.memory}.`,
    '',
    table(
      [
        'command',
        ...sizes.map((r) => `N=${r.n}`),
        'time per module (fit)',
        'per module, first → last step',
        'r²',
        'memory per module',
      ],
      scaleRows.map(([label, pick]) => {
        const s = scaling(sizes, (r) => pick(r).ms);
        const slopeKb = memSlope(pick);
        return [
          label,
          ...sizes.map((r) => `${ms(pick(r).ms)}, ${mb(pick(r).peakKb)}`),
          s.fit ? ms(s.fit.slope) : 'n/a',
          s.marginals.map((x) => ms(x.perModule)).join(' → '),
          s.fit ? s.fit.r2.toFixed(3) : 'n/a',
          slopeKb === null ? 'n/a' : `${slopeKb.toFixed(0)} KB`,
        ];
      }),
    ),
    '',
    commandList(scaleRows.map(([label, pick]) => [label.replaceAll('`', ''), show(pick(S0).command, minN)])),
    '',
  );

  // Floors.
  say(
    '## Floors: what each path cannot beat',
    '',
    table(
      ['floor', 'command', 'median', 'range'],
      [
        ['Node start', show(floors.node.command), ms(floors.node.ms), range(floors.node)],
        [
          'this CLI doing nothing (loads its bundle)',
          show(floors.cliVersion.command),
          ms(floors.cliVersion.ms),
          range(floors.cliVersion),
        ],
        [
          'one `git ls-remote` through the daemon',
          show(floors.lsRemoteOne.command),
          ms(floors.lsRemoteOne.ms),
          range(floors.lsRemoteOne),
        ],
        ...sizes.flatMap((r) => [
          [
            `Python start in the N=${r.n} venv`,
            show(r.pythonPass.command, r.n),
            ms(r.pythonPass.ms),
            range(r.pythonPass),
          ],
          [
            `one Python process asking \`find_spec\` for all ${r.n} modules`,
            show(r.probeOnce.command, r.n),
            ms(r.probeOnce.ms),
            range(r.probeOnce),
          ],
          [
            `ls-remote of all ${r.n} repositories, 8 at a time`,
            show(r.lsRemoteParallel.command, r.n),
            ms(r.lsRemoteParallel.ms),
            range(r.lsRemoteParallel),
          ],
          [
            `ls-remote of all ${r.n} repositories, one after the other (${r.lsRemoteLoop.runs} run${r.lsRemoteLoop.runs > 1 ? 's' : ''})`,
            show(r.lsRemoteLoop.command, r.n),
            ms(r.lsRemoteLoop.ms),
            range(r.lsRemoteLoop),
          ],
        ]),
      ],
    ),
    '',
    'How close the project gets:',
    '',
    table(
      [
        'N',
        'audit (`--offline`) / (Python start + Node start)',
        'cached `warm` / parallel ls-remote',
        '`warm --offline` / CLI doing nothing',
      ],
      sizes.map((r) => [
        r.n,
        `${(r.verifyOffline.ms / (r.pythonPass.ms + floors.node.ms)).toFixed(1)}x`,
        `${(r.warmCached.ms / r.lsRemoteParallel.ms).toFixed(1)}x`,
        `${(r.warmOffline.ms / floors.cliVersion.ms).toFixed(1)}x`,
      ]),
    ),
    '',
  );

  // Why.
  say('## Where a target is missed: why, and what would close it', '');
  const bundleLoad = floors.cliVersion.ms - floors.node.ms;
  const missed = targets.filter((t) => !t.met);
  if (missed.length === 0) say('Every target is met in this run.', '');
  for (const t of missed) {
    if (t.id === 'audit-floor') {
      const b = breakdown(A);
      say(
        `### Audit of ${auditN} modules vs the floor`,
        '',
        `\`verify --no-install\` took ${ms(A.verifyNoInstall.ms)} against a 2x budget of ${ms(2 * floorAudit)}. Where it goes (the`,
        'breakdown table of figure 1, from differences between measured commands):',
        '',
        `- **pinning: none** (measured difference ${ms(b.pin)}, noise): \`--no-install\` reads the pins from the module cache,`,
        '  like `--offline`, and starts no git process.',
        `- **the CLI starting, ${ms(b.start)}**: Node itself ${ms(floors.node.ms)} plus ${ms(bundleLoad)} to load the bundle.`,
        `- **resolving, ${ms(b.resolve)}; checking the ${auditN} clones in the module cache, ${beside(b.clones)}**.`,
        `- **the Python probe, ${ms(A.probeOnce.ms)}** (one process, ${auditN} \`find_spec\` calls, site start-up included: the`,
        '  interpreter session, which also says where the interpreter lives; it starts once the declarations are checked,',
        '  beside the clone check and the site-packages scan, so most of it is hidden).',
        `- **scanning site-packages, judging and reporting, ${beside(b.audit)}**.`,
        '  (Differences between whole commands cannot see work that runs beside Python; section 6 times each phase of',
        '  one run with `--verbose`.)',
        '',
        `What would close it: the fixed part dominates. The CLI start plus one probe is already`,
        `${ms(floors.cliVersion.ms + A.probeOnce.ms)}, ${((floors.cliVersion.ms + A.probeOnce.ms) / floorAudit).toFixed(1)}x the floor, so 2x leaves ${ms(2 * floorAudit - floors.cliVersion.ms - A.probeOnce.ms)} for resolving, checking clones and scanning.`,
        'Done: file reads and metadata calls run synchronously inside the file-system port (a promise and a thread-pool',
        'round trip per `lstat` was the largest CPU cost of the audit), a path already inside its directory as written is',
        'not canonicalised (six `readlink`s per module), the report is masked once per distinct string, one Python process',
        'answers both where the interpreter lives and the `find_spec` question, resolving waits for it only at the package',
        'layer, and the site scan starts beside it (RECORD keeps only its `.pth` rows). Left: the bundle is compiled on',
        'every start, its module wrappers parsed twice (Node 20',
        'has no compile cache; `module.enableCompileCache()` is called where Node has it), YAML parsing, and the main',
        "thread's file reads (clone check and scan), which now run beside Python.",
        '',
      );
    }
    if (t.id === 'audit-loop') {
      const reached = (pick) => sizes.find((r) => r.findSpecLoop.ms / pick(r).ms >= 10)?.n ?? null;
      const reachedOnline = reached((r) => r.verifyNoInstall);
      const reachedOffline = reached((r) => r.verifyOffline);
      const perModule = sizes.map((r) => `${ms(r.findSpecLoop.ms / r.n)} at N=${r.n}`).join(', ');
      say(
        `### Audit of ${auditN} modules vs the per-module loop`,
        '',
        `At N=${auditN} the naive loop takes only ${ms(A.findSpecLoop.ms)}: one Python start per module costs ${perModule}`,
        '(it grows with N because every start reads the N editable `.pth` files and imports their finders). The project',
        `pays its fixed cost once (about ${ms(scaled['verify --no-install'].fit?.intercept)}, the fit's intercept) and then`,
        `${ms(scaled['verify --no-install'].fit?.slope)} per module.`,
        reachedOnline
          ? `10x is reached at N=${reachedOnline} for \`verify --no-install\`.`
          : `10x is not reached at any measured N by \`verify --no-install\` (${ratio(M.findSpecLoop.ms, M.verifyNoInstall.ms)} at N=${maxN}).`,
        reachedOffline
          ? `With \`--offline\` it is reached at N=${reachedOffline} (${ratio(byN.get(reachedOffline).findSpecLoop.ms, byN.get(reachedOffline).verifyOffline.ms)}).`
          : `With \`--offline\` it is not reached either (${ratio(M.findSpecLoop.ms, M.verifyOffline.ms)} at N=${maxN}).`,
        `What would close it at 50: less fixed cost (the CLI bundle loads in ${ms(bundleLoad)}, YAML parsing about 15 ms) and less`,
        'per-module file-system work in the scan (see "Slow paths found"); the loop it is compared with is cheap at small N.',
        '',
      );
    }
    if (t.id === 'warm-cached') {
      const prof = M.profileWarmCached;
      const spawnMs = prof ? prof.top.filter((x) => /spawn/i.test(x.name)).reduce((s, x) => s + x.ms, 0) : null;
      say(
        `### Cached \`warm\` of ${maxN} modules`,
        '',
        `${ms(M.warmCached.ms)} against ${ms(warmBudget)}. With every clone in place the only remaining work is pinning: one`,
        `\`git ls-remote\` child per repository, 16 at a time (\`pinRefs\` → \`pinRepository\` in \`src/fetch/pin.ts\`). The`,
        `same round done by \`xargs -P 8\` takes ${ms(M.lsRemoteParallel.ms)}; the offline run (no pins) ${ms(M.warmOffline.ms)}.`,
        spawnMs !== null
          ? `The CPU profile below shows ${ms(spawnMs)} of the main thread inside \`ChildProcess.spawn\`: Node forks and execs`
          : '',
        spawnMs !== null
          ? `synchronously on the main thread, ${ms(spawnMs / maxN)} per child for a CLI process of ${mb(M.warmCached.peakKb)}, so the`
          : '',
        spawnMs !== null
          ? 'concurrency is capped by spawn cost rather than by the network, and on 2 cores the daemon competes too.'
          : '',
        '',
        'What would close it: no process per repository. Either speak git protocol v2 `ls-refs` in-process (pkt-line over',
        'TCP for `git://`, one POST to `git-upload-pack` over a kept-alive HTTPS connection per repository) or read the',
        'pins from a lock file when one exists (DESIGN section 1 already allows "skipped with --offline or a lock"), so a',
        'cached warm costs what `--offline` costs.',
        '',
      );
    }
    if (t.id === 'offline') {
      const b = breakdown(M);
      say(
        `### \`warm --offline\` of ${maxN} modules`,
        '',
        `${ms(M.warmOffline.ms)}: the CLI start is ${ms(floors.cliVersion.ms)}, resolving ${ms(b.resolve)} and checking the ${maxN} clones`,
        `${ms(b.clones)}. Offline pins are read concurrently, and each clone is inspected once (see "Slow paths found").`,
        '',
      );
    }
    if (t.id === 'linear') {
      say(
        '### Linearity',
        '',
        ...nonLinear.map(
          ([label, s]) =>
            `- ${label}: per-module cost ${s.marginals.map((x) => `${ms(x.perModule)} (N ${x.from}→${x.to})`).join(', ')}.`,
        ),
        '',
        'On a 2-core machine shared with a git daemon, a superlinear step usually means the run became CPU-bound',
        '(children queueing for a core); the profiles below show where the main thread goes.',
        '',
      );
    }
  }

  // Slow paths found regardless of targets.
  say('## Slow paths found', '');
  const installRatios = sizes
    .map((r) => `${ratio((r.pipLoop.ms / r.pipLoop.sample) * r.n, r.install.ms)} at N=${r.n}`)
    .join(', ');
  say(
    `- **Batching the install gains little with pip (loop / batched: ${installRatios})**: pip runs each editable build in its own`,
    '  backend subprocesses (`get_requires_for_build_editable`, `prepare_metadata_for_build_editable`,',
    "  `build_editable`), so one call saves only pip's own start per module. uv (which the CLI picks when it is on PATH)",
    "  is where batching pays; it is not used here because the benchmark runs offline with Debian's packages.",
  );
  if (vCold && vSame && vSame.ms > 0.5 * vCold.ms) {
    say(
      `- **\`verify\` reinstalls everything when nothing changed** (${ms(vSame.ms)} vs ${ms(vCold.ms)} cold at N=${minN}): \`installStage\``,
      '  (`src/commands/install-stage.ts`) hands every module directory to the installer on every run. Fix: before the',
      '  installer call, scan site-packages once (`scanSitePackages`, already used by the audit) and drop every module',
      '  whose editable distribution already points at its expected directory with all targets present; the unchanged',
      '  run then costs a cached `warm` plus the audit.',
    );
  }
  const bM = breakdown(M);
  say(
    `- **The clone check** (${ms(bM.clones)} at N=${maxN}, ${ms(bM.clones / maxN)} per module, in \`warm --offline\` and every audit):`,
    '  offline pins are read concurrently (`mapBounded` in `pinRefs`, `src/fetch/pin.ts`), and the `CloneState` read',
    '  while pinning is handed to `ensureOne` (it used to inspect every clone a second time). What is left per clone:',
    '  its root, `.git`, a marker file, HEAD, and one `git ls-files --deleted` for every tracked file (the completeness check).',
    `- **The audit's site-packages scan** (scan + judge + report ${ms(bM.audit)} at N=${maxN}): \`scanSitePackages\` reads every`,
    '  dist-info (METADATA, RECORD, direct_url.json, entry_points.txt, INSTALLER, each an open/fstat/read/close, done',
    '  synchronously: a few microseconds each). The Python probe runs concurrently with it for the conventional import',
    '  names (`amplifier_module_<id>`; only modules whose entry point names another module are probed again). Fix for',
    '  the rest: read RECORD only for distributions that own a `.pth` not matched by name.',
  );
  const pinProfile = M.profileWarmCached;
  const pinSpawn = pinProfile
    ? pinProfile.top.filter((x) => /spawn/i.test(x.name)).reduce((sum, x) => sum + x.ms, 0)
    : 0;
  if (pinSpawn > 0) {
    say(
      `- **Pinning costs one child process per repository** (cached \`warm\` at N=${maxN}: ${ms(M.warmCached.ms)}, of which`,
      `  ${ms(pinSpawn)} of main thread inside \`ChildProcess.spawn\`, ${ms(pinSpawn / maxN)} per \`git ls-remote\`): Node forks and`,
      '  execs synchronously on the main thread, so `pinRepository` (`src/fetch/pin.ts`) is bounded by spawn cost as much',
      '  as by the network. Fix: protocol v2 `ls-refs` spoken in-process, or pins read from a lock file when present.',
    );
  }
  say('');

  say(
    '## CPU profiles',
    '',
    'One `node --cpu-prof` run of each command the targets are about, summarised by `bench/profile.mjs` (function',
    "names are the source's; ncc keeps them).",
    '',
    profileBlock(`cached warm, N=${maxN}`, M.profileWarmCached, show, maxN),
    profileBlock(`warm --offline, N=${maxN}`, M.profileWarmOffline, show, maxN),
    profileBlock(`verify --no-install, N=${auditN}`, A.profileAudit, show, auditN),
    profileBlock(`verify --no-install --offline, N=${maxN}`, M.profileAuditOffline, show, maxN),
    '## Naive scripts',
    '',
    'The loops the project is compared with are in `bench/naive/`: `find-spec-loop.sh` (one',
    '`python -c "importlib.util.find_spec(...)"` per module), `pip-install-loop.sh` (one `pip install -e` per module),',
    '`clone-loop.sh` (one `git clone` per repository), `ls-remote-loop.sh` and `ls-remote-parallel.sh` (the pin floors).',
    '',
  );
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
