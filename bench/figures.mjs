// The figures of one N, in a fixed order: each row is this project's command beside the naive per-module script a
// user would write for the same job, both measured by `measurePair`. Runs that must install exactly 0 or 1 module are
// checked to do so first, so a figure can never come from a run that did something else.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeScenario, moduleAt, newVenv, ROTATED_REF, run } from './fixtures.mjs';
import { measureInTurn } from './measure.mjs';

const INSTALLER_ARGS = [
  '--installer-arg=--no-build-isolation',
  '--installer-arg=--no-deps',
  '--installer-arg=--no-index',
];

/** Run counts per N: cold runs are long, the audit is the target and cheap. */
function runsFor(n) {
  return {
    coldWarm: n <= 10 ? 5 : n <= 50 ? 3 : 1,
    coldInstall: n <= 10 ? 3 : 1,
    audit: n <= 50 ? 15 : 3,
    other: n <= 50 ? 5 : 3,
  };
}

/** A command as BENCHMARKS.md shows it: paths replaced by the notation's variables, longest first. */
function notation(pairs) {
  return (spec) => {
    let text = [spec.command, ...spec.args].join(' ');
    for (const [value, name] of pairs) text = text.split(value).join(name);
    return text;
  };
}

/** How many modules one run installs, read from its JSON report (untimed). */
function installedBy(spec) {
  const result = spawnSync(spec.command, [...spec.args, '--format', 'json'], {
    cwd: spec.cwd,
    env: spec.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${spec.args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return JSON.parse(result.stdout).modules.filter((m) => m.install?.installed).length;
}

function expectInstalled(spec, count, what) {
  const installed = installedBy(spec);
  if (installed !== count) throw new Error(`${what}: expected ${count} module(s) installed, got ${installed}`);
}

/**
 * Measures every figure at one N. `ctx`: { work, root, naiveDir, node, cliPath, env, baseUrl, port, progress }.
 * Returns the rows: { n, id, figure, command, naiveCommand, ours, naive }, each command { once, each, steps }.
 */
export async function measureSize(ctx, n) {
  const { work, root, naiveDir, node, cliPath, env, baseUrl, progress } = ctx;
  const s = makeScenario(work, n, ctx.port);
  const runs = runsFor(n);
  const opts = ['-p', s.profile, '-w', s.workspace, '--home', s.home, '--python', s.python];
  const cli = (...args) => ({ command: node, args: [cliPath, ...args], env, cwd: root });
  const sh = (script, ...args) => ({ command: 'bash', args: [join(naiveDir, script), ...args], env, cwd: root });
  const clones = join(s.dir, 'clones');
  const naiveVenv = join(s.dir, 'naive-venv');
  const naivePython = join(naiveVenv, 'bin', 'python');
  const show = notation([
    [`${node} ${cliPath}`, '$CLI'],
    [opts.join(' '), '$OPTS'],
    [INSTALLER_ARGS.join(' '), '$IA'],
    [s.python, '$PY'],
    [`${naiveDir}/`, 'bench/naive/'],
    [baseUrl, '$BASE'],
    [s.dir, '$S'],
  ]);
  const rows = [];
  const describe = (side) => ({ once: side.once ?? null, each: side.each ?? null, steps: side.steps.map(show) });
  const record = (id, figure, ours, naive, measured) =>
    rows.push({ n, id, figure, command: describe(ours), naiveCommand: describe(naive), ...measured });
  const row = async (id, figure, ours, naive, runs) => {
    progress(`N=${n}: ${figure}`);
    const [o, v] = await measureInTurn([
      { ...ours, runs },
      { ...naive, runs },
    ]);
    record(id, figure, ours, naive, { ours: o, naive: v });
  };
  const emptyCache = () => rmSync(s.cache, { recursive: true, force: true });
  const emptyClones = () => {
    rmSync(clones, { recursive: true, force: true });
    mkdirSync(clones);
  };
  const install = cli('install', ...opts, '--installer', 'pip', ...INSTALLER_ARGS);
  const verify = cli('verify', ...opts, '--installer', 'pip', ...INSTALLER_ARGS);
  const statusLoop = sh('status-loop.sh', clones, s.modules);

  await row(
    'cold-warm',
    'cold `warm` (empty module cache)',
    { each: 'rm -rf $S/home/cache', before: emptyCache, steps: [cli('warm', ...opts)] },
    {
      each: 'rm -rf $S/clones && mkdir $S/clones',
      before: emptyClones,
      steps: [sh('clone-loop.sh', baseUrl, s.modules, clones)],
    },
    runs.coldWarm,
  );
  await row(
    'cold-install',
    'cold `install` (empty module cache, new venv)',
    {
      each: 'rm -rf $S/home/cache && newvenv $S/venv',
      before: () => {
        emptyCache();
        newVenv(s.venv);
      },
      steps: [install],
    },
    {
      each: 'rm -rf $S/clones && mkdir $S/clones && newvenv $S/naive-venv',
      before: () => {
        emptyClones();
        newVenv(naiveVenv);
      },
      steps: [sh('clone-pip-loop.sh', naivePython, baseUrl, s.modules, clones)],
    },
    runs.coldInstall,
  );
  await row(
    'audit',
    'audit (`verify --no-install`)',
    { steps: [cli('verify', '--no-install', ...opts)] },
    { steps: [sh('find-spec-loop.sh', s.python, s.modules)] },
    runs.audit,
  );

  expectInstalled(verify, 0, 'verify with nothing changed');
  await row(
    'verify',
    '`verify`, nothing changed',
    { steps: [verify] },
    { steps: [sh('verify-loop.sh', naivePython, baseUrl, s.modules)] },
    runs.other,
  );

  // One module rotated: module 1 alternates between `main` and `rotated` (the same commit, another cache directory,
  // both already fetched), so every run reinstalls exactly that module.
  const profile = readFileSync(s.profile, 'utf8');
  const firstRepo = moduleAt(0).repo;
  const declare = (ref) => writeFileSync(s.profile, profile.replace(`${firstRepo}@main`, `${firstRepo}@${ref}`));
  declare(ROTATED_REF);
  run(node, cli('warm', ...opts).args, { env, cwd: root });
  let ref = 'main';
  const toggle = () => {
    ref = ref === 'main' ? ROTATED_REF : 'main';
    declare(ref);
  };
  toggle();
  expectInstalled(verify, 1, 'verify after one rotation');
  await row(
    'rotated',
    '`verify`, one module rotated',
    { each: "module 1's ref switched between `main` and `rotated` in the profile", before: toggle, steps: [verify] },
    { steps: [sh('verify-loop.sh', naivePython, baseUrl, s.modules, join(clones, firstRepo))] },
    runs.other,
  );
  declare('main');
  expectInstalled(verify, ref === 'main' ? 0 : 1, 'verify back at main');
  expectInstalled(verify, 0, 'verify with nothing changed, settled');

  run(node, cli('lock', ...opts).args, { env, cwd: root });
  // The three cached warms and their naive scripts in turn, so the frozen / offline target compares like with like.
  progress(`N=${n}: cached \`warm\`, \`--offline\`, \`--frozen\``);
  const cached = [
    ['warm', '`warm`, everything cached', { steps: [cli('warm', ...opts)] }, sh('fetch-loop.sh', clones, s.modules)],
    ['offline', '`warm --offline`, everything cached', { steps: [cli('warm', '--offline', ...opts)] }, statusLoop],
    [
      'frozen',
      '`warm --frozen`, everything cached',
      { once: '$CLI lock $OPTS', steps: [cli('warm', '--frozen', ...opts)] },
      statusLoop,
    ],
  ];
  const sides = [...cached.map(([, , ours]) => ours), { steps: [cached[0][3]] }, { steps: [statusLoop] }];
  const measured = await measureInTurn(sides.map((side) => ({ ...side, runs: runs.other })));
  for (const [k, [id, figure, ours, naive]] of cached.entries()) {
    record(id, figure, ours, { steps: [naive] }, { ours: measured[k], naive: measured[k === 0 ? 3 : 4] });
  }
  return rows;
}
