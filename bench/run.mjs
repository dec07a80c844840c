// `npm run bench`: builds the fixtures, measures each figure beside the naive per-module script and rewrites
// BENCHMARKS.md. Drives the BUILT CLI (dist/cli/index.js) as a user does; imports nothing from src/.
//
// usage: node bench/run.mjs [--sizes 10,50] [--node PATH] [--out BENCHMARKS.md] [--keep] [--json F] [--render F]
//   --sizes    the N to measure (default 10,50; 200 is optional and slow)
//   --node     the Node that runs the CLI (default: this one); GitHub runs the action on Node 24
//   --keep     keep the temporary work directory
//   --json F   also write the raw results as JSON; --render F rewrites --out from such a file, measuring nothing
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureSize } from './figures.mjs';
import { BASE_PYTHON, makeModuleRepo, moduleAt } from './fixtures.mjs';
import { startGitDaemon } from './git-daemon.mjs';
import { describeMachine } from './machine.mjs';
import { render } from './render.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = { sizes: [10, 50], node: null, out: join(ROOT, 'BENCHMARKS.md'), keep: false, json: null };
  const value = (i) => {
    if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--keep') options.keep = true;
    else if (arg === '--sizes') options.sizes = value(i++).split(',').map(Number);
    else if (arg === '--node') options.node = resolve(value(i++));
    else if (arg === '--out') options.out = resolve(value(i++));
    else if (arg === '--json') options.json = resolve(value(i++));
    else if (arg === '--render') options.render = resolve(value(i++));
    else throw new Error(`unknown argument ${arg} (see the usage at the top of bench/run.mjs)`);
  }
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes positive integers');
  options.sizes.sort((a, b) => a - b);
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

/** The command line as BENCHMARKS.md shows it: `--node`'s path kept, others relative to the repository. */
function commandLine(argv) {
  return ['node', 'bench/run.mjs', ...argv.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) : a))].join(' ');
}

async function main() {
  const argv = process.argv.slice(2);
  const options = parseArgs(argv);
  if (options.render) {
    writeFileSync(options.out, render(JSON.parse(readFileSync(options.render, 'utf8'))));
    progress(`wrote ${options.out} from ${options.render}`);
    return;
  }
  const builtCli = join(ROOT, 'dist', 'cli');
  if (!existsSync(join(builtCli, 'index.js'))) throw new Error('dist/cli/index.js is missing: run `npm run build`');
  const node = options.node ?? process.execPath;
  const work = mkdtempSync(join(tmpdir(), 'amplifier-modules-bench-'));
  // Every figure measures the same build: a copy of dist/cli taken now, so a rebuild during the run changes nothing.
  cpSync(builtCli, join(work, 'cli'), { recursive: true });
  let daemon = null;
  process.once('SIGINT', () => {
    daemon?.killNow();
    if (!options.keep) rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
  try {
    const maxN = options.sizes[options.sizes.length - 1];
    progress(`fixtures: ${maxN} module repositories in ${work}`);
    const reposDir = join(work, 'repos');
    mkdirSync(reposDir);
    for (let i = 0; i < maxN; i += 1) makeModuleRepo(reposDir, moduleAt(i));
    daemon = await startGitDaemon(reposDir);
    const ctx = {
      work,
      root: ROOT,
      naiveDir: join(ROOT, 'bench', 'naive'),
      node,
      cliPath: join(work, 'cli', 'index.js'),
      env: cleanEnv(),
      baseUrl: daemon.baseUrl,
      port: daemon.port,
      progress,
    };
    const results = {
      command: commandLine(argv),
      machine: describeMachine(node, BASE_PYTHON),
      sizes: options.sizes,
      load: [loadavg()[0]],
      rows: [],
    };
    for (const n of options.sizes) results.rows.push(...(await measureSize(ctx, n)));
    results.totalSeconds = (Date.now() - started) / 1000;
    results.load.push(loadavg()[0]);
    if (options.json) writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(options.out, render(results));
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
