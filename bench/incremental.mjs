// Issue 15's figures: `verify` when nothing changed and when one module rotated, beside `verify --no-install`, a cold
// `verify`, the per-module find_spec loop and the floor, with a per-phase breakdown read from `--verbose`.
// Drives the built CLI as a user does; every run that should install nothing or one module is checked to do so.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { GIT_ENV, run } from './fixtures.mjs';
import { measure } from './measure.mjs';
import { profileRun } from './profile.mjs';

/** The ref module 0 alternates with `main`: same commit, another url@ref, so another cache directory. */
export const ROTATED_REF = 'rotated';

function load() {
  return loadavg().map((value) => value.toFixed(2));
}

/** One run with --verbose (untimed by `measure`): its wall time, the phases it logged and its install decisions. */
function phasedRun(spec) {
  const started = process.hrtime.bigint();
  const result = spawnSync(spec.command, [...spec.args, '--verbose', '--format', 'json'], {
    cwd: spec.cwd,
    env: spec.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${spec.args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  const phases = [...result.stderr.matchAll(/timing: (.+) (\d+) ms$/gm)].map((m) => ({
    phase: m[1],
    ms: Number(m[2]),
  }));
  const report = JSON.parse(result.stdout);
  return { ms, phases, installed: report.modules.filter((m) => m.install?.installed).map((m) => m.install.reason) };
}

function expectInstalled(runResult, count, what) {
  if (runResult.installed.length !== count)
    throw new Error(`${what}: expected ${count} module(s) installed, got ${JSON.stringify(runResult.installed)}`);
}

/**
 * Measures one N. `s` is the scenario (its venv is rebuilt here), `cli(args)` a spec for the built CLI,
 * `freshVenv(dir)` rebuilds a venv. Leaves the scenario fully installed, module 0 declared at main.
 */
export async function measureIncremental({
  s,
  n,
  runs,
  node,
  cli,
  opts,
  env,
  repoDir,
  installerArgs,
  freshVenv,
  progress,
  names,
  scratch,
}) {
  const r = { n, runs, cores: availableParallelism(), loadStart: load() };
  const cache = join(s.home, 'cache');
  const profile = readFileSync(s.profile, 'utf8');
  const firstSource = /(source: git\+git:\/\/[^\s]+)@main/;
  const declare = (ref) => writeFileSync(s.profile, profile.replace(firstSource, `$1@${ref}`));
  const verify = cli(['verify', ...opts, '--installer', 'pip', ...installerArgs]);
  if (!run('git', ['-C', repoDir, 'branch', '--list', ROTATED_REF], { env: GIT_ENV }).trim())
    run('git', ['-C', repoDir, 'branch', ROTATED_REF], { env: GIT_ENV });

  progress(`N=${n} (issue 15): cold verify (empty module cache, fresh venv)`);
  const coldRuns = n <= 10 ? 3 : 1;
  r.cold = await measure(verify, coldRuns, {
    before: () => {
      rmSync(cache, { recursive: true, force: true });
      freshVenv(s.venv);
    },
  });

  progress(`N=${n} (issue 15): verify with nothing changed, --offline, --no-install, the loop and the floor`);
  expectInstalled(phasedRun(verify), 0, 'verify with nothing changed');
  r.unchanged = await measure(verify, runs);
  r.unchangedOffline = await measure(
    cli(['verify', '--offline', ...opts, '--installer', 'pip', ...installerArgs]),
    runs,
  );
  r.noInstall = await measure(cli(['verify', '--no-install', ...opts]), runs);
  r.findSpecLoop = await measure(
    { command: 'bash', args: [names.findSpecLoop, s.python, names.importNames], env, cwd: names.cwd },
    runs,
  );
  r.node = await measure({ command: node, args: ['-e', '0'], env, cwd: names.cwd }, runs);
  r.pythonPass = await measure({ command: s.python, args: ['-I', '-c', 'pass'], env, cwd: names.cwd }, runs);
  r.cliVersion = await measure(cli(['--version']), runs);
  // The pins of a nothing-changed `verify` cost one `git ls-remote` per repository: the same round by git alone.
  r.pinRound = await measure(names.pinRound, runs);
  // The same round started by a bare Node script: what Node's child start costs, apart from the CLI's own work.
  r.pinRoundNode = await measure(names.pinRoundNode, runs);

  progress(`N=${n} (issue 15): one module rotated, and one single-module pip install -e`);
  // Both cache directories of module 0 exist before timing: the rotation costs the reinstall, not a clone.
  declare(ROTATED_REF);
  run(node, cli(['warm', ...opts]).args, { env, cwd: names.cwd });
  // The environment is installed from main: each toggle makes the installed directory the other one.
  let ref = 'main';
  const toggle = () => {
    ref = ref === 'main' ? ROTATED_REF : 'main';
    declare(ref);
  };
  toggle();
  const phasedRotated = phasedRun(verify);
  expectInstalled(phasedRotated, 1, 'verify after one rotation');
  r.rotated = await measure(verify, runs, { before: toggle });
  const moduleDir = cloneOf(cache, names.firstRepo);
  r.singleInstall = await measure(
    {
      command: s.python,
      args: ['-m', 'pip', 'install', '--no-build-isolation', '--no-deps', '--no-index', '-e', moduleDir],
      env,
      cwd: names.cwd,
    },
    runs,
  );
  declare('main');
  phasedRun(verify);
  const phasedUnchanged = phasedRun(verify);
  expectInstalled(phasedUnchanged, 0, 'verify with nothing changed (settled)');
  const phasedNoInstall = phasedRun(cli(['verify', '--no-install', ...opts]));
  r.phases = { unchanged: phasedUnchanged, rotated: phasedRotated, noInstall: phasedNoInstall };
  // Where the audit's main thread goes (self time per function), for the floor target.
  r.profileNoInstall = await profileRun(cli(['verify', '--no-install', ...opts]), join(scratch, 'prof'));
  r.profileUnchanged = await profileRun(verify, join(scratch, 'prof'));
  r.loadEnd = load();
  return r;
}

/** A clone of module 0 in the module cache: what the single-module install installs. */
function cloneOf(cache, repo) {
  const name = readdirSync(cache).find((entry) => entry.startsWith(`${repo}-`));
  if (!name) throw new Error(`no clone of ${repo} in ${cache}`);
  return join(cache, name);
}
