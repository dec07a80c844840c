// `npm run bench`: builds the fixtures, measures every figure of issue 6 side by side with the naive way, and
// rewrites BENCHMARKS.md. Drives the BUILT CLI (dist/cli/index.js) exactly as a user would; imports nothing from src/.
//
// usage: node bench/run.mjs [--sizes 10,50,200] [--only incremental] [--keep] [--out BENCHMARKS.md] [--save-results F]
//                            [--render-only F] [--node PATH]
//   --save-results F  also write the raw measurements as JSON; --render-only F  rewrite the report from such a file
//   --only frozen       measure only issue 16's figure (cached warm --frozen beside --offline) and replace just
//                       that section of --out
//   --only incremental  measure only issue 15's figures (verify when nothing changed / one module rotated) and
//                       replace just that section of --out, leaving the other figures as they are
//   --node PATH         with --only incremental: the same figures with the CLI run by that Node, written as their
//                       own section (section 8), which later full runs keep
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_PYTHON, makeModuleRepo, makeScenario, moduleAt, run } from './fixtures.mjs';
import { measureFrozen } from './frozen.mjs';
import { renderFrozen, spliceFrozen } from './frozen-report.mjs';
import { startGitDaemon } from './git-daemon.mjs';
import { measureIncremental } from './incremental.mjs';
import { keepOtherRuntime, renderIncremental, spliceIncremental, spliceOtherRuntime } from './incremental-report.mjs';
import { describeMachine } from './machine.mjs';
import { measure, memoryMethod } from './measure.mjs';
import { profileRun } from './profile.mjs';
import { auditSize, renderReport } from './report.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT_CLI = join(ROOT, 'dist', 'cli');
const NAIVE = join(ROOT, 'bench', 'naive');
const INSTALLER_ARGS = [
  '--installer-arg=--no-build-isolation',
  '--installer-arg=--no-deps',
  '--installer-arg=--no-index',
];
/** The naive per-module install loop is measured on this many modules and extrapolated to N. */
const INSTALL_SAMPLE = 10;

function runtimeVersion(node) {
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0)
    throw new Error(`--node ${node} does not run: ${result.error ?? result.stderr}`);
  return result.stdout.trim();
}

function parseArgs(argv) {
  const options = {
    sizes: [10, 50, 200],
    keep: false,
    out: join(ROOT, 'BENCHMARKS.md'),
    save: null,
    renderOnly: null,
    only: null,
    node: null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--keep') options.keep = true;
    else if (arg === '--sizes') options.sizes = argv[++i].split(',').map(Number);
    else if (arg === '--out') options.out = resolve(argv[++i]);
    else if (arg === '--save-results') options.save = resolve(argv[++i]);
    else if (arg === '--render-only') options.renderOnly = resolve(argv[++i]);
    else if (arg === '--only') options.only = argv[++i];
    else if (arg === '--node') options.node = resolve(argv[++i]);
    else throw new Error(`unknown argument ${arg} (see the usage at the top of bench/run.mjs)`);
  }
  options.sizes.sort((a, b) => a - b);
  if (options.only !== null && options.only !== 'incremental' && options.only !== 'frozen')
    throw new Error(`--only takes 'incremental' or 'frozen', not '${options.only}'`);
  if (options.node !== null && options.only !== 'incremental')
    throw new Error('--node measures section 6 under another Node: give it with --only incremental');
  return options;
}

// What a user's shell would pass, minus anything that would change what the CLI resolves or which Python it picks.
function cleanEnv() {
  const env = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' };
  for (const name of Object.keys(env)) {
    if (name.startsWith('AMPLIFIER_') || name === 'VIRTUAL_ENV' || name.startsWith('PYTHON')) delete env[name];
  }
  return env;
}

const started = Date.now();
function progress(text) {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${text}\n`);
}

function writeLines(file, lines) {
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function freshVenv(dir) {
  rmSync(dir, { recursive: true, force: true });
  run(BASE_PYTHON, ['-m', 'venv', '--system-site-packages', '--without-pip', dir]);
  return join(dir, 'bin', 'python');
}

/** The full report with issue 15's and issue 16's sections spliced in (when the run measured them). */
function withIncremental(text, results) {
  const incremental = results.incremental?.length > 0 ? spliceIncremental(text, renderIncremental(results)) : text;
  return results.frozen?.length > 0 ? spliceFrozen(incremental, renderFrozen(results)) : incremental;
}

/**
 * Writes what a run measured into `out`: an `--only` run replaces just its section (section 8 when it ran under
 * another Node), a full run the whole report, keeping section 8, which it cannot measure again.
 */
function writeReport(out, results) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  let text;
  if (results.only === 'incremental') {
    text = (results.runtime ? spliceOtherRuntime : spliceIncremental)(current, renderIncremental(results));
  } else if (results.only === 'frozen') {
    text = spliceFrozen(current, renderFrozen(results));
  } else {
    text = keepOtherRuntime(current, withIncremental(renderReport(results), results));
  }
  writeFileSync(out, text);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.renderOnly) {
    writeReport(options.out, JSON.parse(readFileSync(options.renderOnly, 'utf8')));
    progress(`wrote ${options.out} from ${options.renderOnly}`);
    return;
  }
  const env = cleanEnv();
  const memory = memoryMethod();
  if (!existsSync(join(BUILT_CLI, 'index.js')))
    throw new Error('dist/cli/index.js is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'amplifier-modules-bench-'));
  // Every figure measures the same build: a copy of dist/cli taken now, so a rebuild during the run changes nothing.
  const CLI = join(work, 'cli', 'index.js');
  cpSync(BUILT_CLI, join(work, 'cli'), { recursive: true });
  const scratch = join(work, 'scratch');
  mkdirSync(scratch);
  const maxN = options.sizes[options.sizes.length - 1];
  let daemon = null;
  // Ctrl-C still leaves no daemon and no temporary files behind.
  process.once('SIGINT', () => {
    daemon?.killNow();
    if (!options.keep) rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
  try {
    progress(`fixtures: ${maxN} module repositories in ${work}`);
    const reposDir = join(work, 'repos');
    mkdirSync(reposDir);
    for (let i = 0; i < maxN; i += 1) makeModuleRepo(reposDir, moduleAt(i));
    daemon = await startGitDaemon(reposDir);
    progress(`git daemon on ${daemon.baseUrl}`);

    // --node: the CLI (and the floor's `node -e 0`) run by another Node, as GitHub runs the action on Node 24.
    const node = options.node ?? process.execPath;
    const cli = (args, extra = {}) => ({ command: node, args: [CLI, ...args], env, cwd: ROOT, ...extra });
    const shell = (script, args) => ({ command: 'bash', args: [join(NAIVE, script), ...args], env, cwd: ROOT });
    const results = {
      machine: describeMachine(BASE_PYTHON),
      memory: memory.text,
      display: { work, root: ROOT, port: daemon.port, node },
      runtime: options.node ? runtimeVersion(options.node) : null,
      // Which sections this run measured, so --render-only writes the same ones.
      only: options.only ?? null,
      daemon: ['git', ...daemon.args],
      installSample: INSTALL_SAMPLE,
      floors: {},
      load: { start: loadavg()[0].toFixed(2), end: null },
      sizes: [],
      incremental: [],
      frozen: [],
    };

    const smallest = options.sizes[0];
    const auditN = auditSize(options.sizes);
    results.auditN = auditN;
    for (const n of options.sizes) {
      const runs = n >= 200 ? 3 : 5;
      const s = makeScenario(work, n, daemon.port);
      const opts = ['-p', s.profile, '-w', s.workspace, '--home', s.home, '--python', s.python];
      const modules = Array.from({ length: n }, (_, i) => moduleAt(i));
      const repoNames = join(s.dir, 'repo-names.txt');
      const importNames = join(s.dir, 'import-names.txt');
      writeLines(
        repoNames,
        modules.map((m) => m.repo),
      );
      writeLines(
        importNames,
        modules.map((m) => m.importName),
      );
      const r = { n, runs, dir: s.dir };
      const incremental = () =>
        measureIncremental({
          s,
          n,
          runs,
          node,
          cli,
          opts,
          env,
          repoDir: join(reposDir, modules[0].repo),
          installerArgs: INSTALLER_ARGS,
          freshVenv,
          progress,
          scratch,
          names: {
            findSpecLoop: join(NAIVE, 'find-spec-loop.sh'),
            importNames,
            cwd: ROOT,
            firstRepo: modules[0].repo,
            pinRound: shell('ls-remote-parallel.sh', [daemon.baseUrl, repoNames]),
            pinRoundNode: {
              command: node,
              args: [join(NAIVE, 'ls-remote-node.mjs'), daemon.baseUrl, repoNames],
              env,
              cwd: ROOT,
            },
          },
        });
      const frozen = () => measureFrozen({ n, runs, cli, opts, progress });
      if (options.only === 'incremental') {
        results.incremental.push(await incremental());
        continue;
      }
      if (options.only === 'frozen') {
        results.frozen.push(await frozen());
        continue;
      }
      results.sizes.push(r);

      if (n === smallest) {
        progress('floors');
        results.floors.node = await measure({ command: node, args: ['-e', '0'], env, cwd: ROOT }, 5);
        results.floors.cliVersion = await measure(cli(['--version']), 5);
        results.floors.lsRemoteOne = await measure(
          { command: 'git', args: ['ls-remote', `${daemon.baseUrl}/${modules[0].repo}`, 'main'], env, cwd: ROOT },
          5,
        );
      }

      progress(`N=${n}: cold warm vs a sequential git clone per module`);
      const cache = join(s.home, 'cache');
      r.warmCold = await measure(cli(['warm', ...opts]), runs, {
        before: () => rmSync(cache, { recursive: true, force: true }),
      });
      const clones = join(s.dir, 'clones');
      r.cloneLoop = await measure(shell('clone-loop.sh', [daemon.baseUrl, repoNames, clones]), runs, {
        before: () => {
          rmSync(clones, { recursive: true, force: true });
          mkdirSync(clones);
        },
      });
      rmSync(clones, { recursive: true, force: true });

      progress(`N=${n}: cached warm, --offline, resolve, ls-remote floors`);
      r.warmCached = await measure(cli(['warm', ...opts]), runs, { memory, scratch });
      r.warmOffline = await measure(cli(['warm', '--offline', ...opts]), runs, { memory, scratch });
      r.resolve = await measure(cli(['resolve', ...opts]), runs, { memory, scratch });
      r.lsRemoteParallel = await measure(shell('ls-remote-parallel.sh', [daemon.baseUrl, repoNames]), runs);
      r.lsRemoteLoop = await measure(shell('ls-remote-loop.sh', [daemon.baseUrl, repoNames]), n >= 50 ? 1 : 3);

      progress(`N=${n}: batched install vs one pip install -e per module`);
      const installSpec = cli(['install', ...opts, '--installer', 'pip', ...INSTALLER_ARGS]);
      const sampleVenv = join(s.dir, 'sample-venv');
      const dirsFile = join(s.dir, 'module-dirs.txt');
      if (n === smallest) {
        const installRuns = 3;
        r.install = await measure(installSpec, installRuns, { memory, scratch, before: () => freshVenv(s.venv) });
      } else {
        r.install = await measure(installSpec, 1, { memory, scratch });
      }
      // The naive loop installs the very directories the CLI warmed into the module cache.
      const cacheDirs = readdirSync(cache)
        .filter((name) => name.startsWith('amplifier-module-'))
        .sort()
        .map((name) => join(cache, name));
      const sampleSize = Math.min(n, INSTALL_SAMPLE);
      writeLines(dirsFile, cacheDirs.slice(0, sampleSize));
      r.pipLoop = await measure(
        shell('pip-install-loop.sh', [join(sampleVenv, 'bin', 'python'), dirsFile]),
        n === smallest ? 2 : 1,
        { before: () => freshVenv(sampleVenv) },
      );
      r.pipLoop.sample = sampleSize;
      rmSync(sampleVenv, { recursive: true, force: true });

      progress(`N=${n}: audit vs one find_spec process per module`);
      r.verifyNoInstall = await measure(cli(['verify', '--no-install', ...opts]), runs, { memory, scratch });
      r.verifyOffline = await measure(cli(['verify', '--no-install', '--offline', ...opts]), runs, {
        memory,
        scratch,
      });
      r.findSpecLoop = await measure(shell('find-spec-loop.sh', [s.python, importNames]), runs);
      r.pythonPass = await measure({ command: s.python, args: ['-I', '-c', 'pass'], env, cwd: ROOT }, runs);
      r.probeOnce = await measure(
        {
          command: s.python,
          args: [
            '-I',
            '-c',
            'import importlib.util, sys; sys.exit(any(importlib.util.find_spec(m) is None for m in open(sys.argv[1]).read().split()))',
            importNames,
          ],
          env,
          cwd: ROOT,
        },
        runs,
      );

      if (n === smallest) {
        progress(`N=${n}: verify when nothing changed vs cold`);
        const verifySpec = cli(['verify', ...opts, '--installer', 'pip', ...INSTALLER_ARGS]);
        r.verifyCold = await measure(verifySpec, 3, {
          before: () => {
            rmSync(cache, { recursive: true, force: true });
            freshVenv(s.venv);
          },
        });
        r.verifyUnchanged = await measure(verifySpec, 3);
      }
      // One CPU profile of the runs the targets are about: where their main thread goes.
      if (n === maxN) {
        r.profileWarmCached = await profileRun(cli(['warm', ...opts]), join(scratch, 'prof'));
        r.profileWarmOffline = await profileRun(cli(['warm', '--offline', ...opts]), join(scratch, 'prof'));
        r.profileAuditOffline = await profileRun(
          cli(['verify', '--no-install', '--offline', ...opts]),
          join(scratch, 'prof'),
        );
      }
      if (n === auditN) {
        r.profileAudit = await profileRun(cli(['verify', '--no-install', ...opts]), join(scratch, 'prof'));
      }
      results.incremental.push(await incremental());
      results.frozen.push(await frozen());
      progress(`N=${n}: done`);
    }

    results.totalSeconds = (Date.now() - started) / 1000;
    results.load.end = loadavg()[0].toFixed(2);
    results.incrementalDate = new Date().toISOString().slice(0, 10);
    results.frozenDate = results.incrementalDate;
    if (options.save) writeFileSync(options.save, `${JSON.stringify(results, null, 2)}\n`);
    writeReport(options.out, results);
    progress(`wrote ${options.out}`);
  } finally {
    if (daemon) await daemon.stop();
    if (options.keep) progress(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
