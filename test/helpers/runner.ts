/**
 * Runs a bundled action the way the GitHub runner does: `node dist/main/index.js` with `INPUT_<NAME>` variables
 * (upper-cased, hyphens kept), fresh `GITHUB_OUTPUT` / `GITHUB_STATE` / `GITHUB_STEP_SUMMARY` files, `RUNNER_TEMP`
 * and `GITHUB_WORKSPACE`; then the post bundle with `STATE_<name>` taken from main's state file. The child processes
 * are spawned asynchronously so an in-process server (the cache-service harness) keeps answering meanwhile.
 */
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertDistFresh } from './dist-freshness.js';
import { expectValidOutput } from './report-schema.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The committed bundle by default; AMPLIFIER_MODULES_ACTION_DIST points the tests at a bundle built elsewhere. */
const DIST = process.env.AMPLIFIER_MODULES_ACTION_DIST || join(REPO_ROOT, 'dist');
export const MAIN_BUNDLE = join(DIST, 'main', 'index.js');
export const POST_BUNDLE = join(DIST, 'post', 'index.js');
// A bundle built elsewhere is that build's business; the committed one must hold the current src/.
if (!process.env.AMPLIFIER_MODULES_ACTION_DIST) assertDistFresh(REPO_ROOT, [MAIN_BUNDLE, POST_BUNDLE]);

export interface StepRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A `::command key=value,...::message` line a step printed (annotations, masks, groups). */
export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

export interface ActionRun {
  readonly main: StepRun;
  /** null when post did not run (main failed and `post-if: success()` skipped it, or post: 'never'). */
  readonly post: StepRun | null;
  readonly outputs: Readonly<Record<string, string>>;
  readonly state: Readonly<Record<string, string>>;
  /** The job summary after both steps. */
  readonly summary: string;
  /** Workflow commands main printed. */
  readonly commands: readonly WorkflowCommand[];
  readonly runnerTemp: string;
  /** Runs the post step (again) now, with main's state: for matrix jobs whose posts run after all mains. */
  runPost(): Promise<StepRun>;
}

export interface ActionRunOptions {
  /** `with:` inputs by their action.yml names. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly workspace: string;
  /** Extra environment (cache service variables, HOME, AMPLIFIER_HOME, ...); PATH and HOME are passed by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Defaults to a fresh temp directory. */
  readonly runnerTemp?: string;
  /** 'if-success' mirrors `post-if: success()`. */
  readonly post?: 'if-success' | 'always' | 'never';
  readonly mainScript?: string;
  readonly postScript?: string;
  readonly timeoutMs?: number;
  /** Other paths for main's GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY (a directory: a file that cannot be written). */
  readonly stepFiles?: { readonly output?: string; readonly state?: string; readonly summary?: string };
}

/** The runner's input variable name: spaces become `_`, hyphens are kept, upper case. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Parses a `GITHUB_OUTPUT` / `GITHUB_STATE` file: `name<<delimiter` heredoc blocks as the toolkit writes them, and
 * the plain `name=value` lines other tools write.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const body: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delimiter) body.push(lines[i++] ?? '');
      if (i >= lines.length) throw new Error(`unterminated value for '${name}' (delimiter ${delimiter})`);
      values[name] = body.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) values[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return values;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

/** Parses the `::name k=v,k=v::message` lines of a step's stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, command = '', props = '', message = ''] = match;
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command, properties, message: unescapeData(message) });
  }
  return commands;
}

function runNode(script: string, env: Record<string, string>, cwd: string, timeoutMs: number): Promise<StepRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function readIfExists(path: string): Promise<string> {
  return fsp.readFile(path, 'utf8').catch(() => '');
}

export async function runBundledAction(options: ActionRunOptions): Promise<ActionRun> {
  const runnerTemp = options.runnerTemp ?? (await fsp.mkdtemp(join(tmpdir(), 'am-runner-')));
  const files = await fsp.mkdtemp(join(runnerTemp, '_runner_file_commands-'));
  const summaryFile = join(files, 'step_summary');
  const mainOutput = join(files, 'main_output');
  const mainState = join(files, 'main_state');
  const postOutput = join(files, 'post_output');
  const postState = join(files, 'post_state');
  await Promise.all([summaryFile, mainOutput, mainState, postOutput, postState].map((f) => fsp.writeFile(f, '')));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const base = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...options.env,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  const inputs = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [inputVariable(name), value]),
  );
  const main = await runNode(
    options.mainScript ?? MAIN_BUNDLE,
    definedOnly({
      ...base,
      ...inputs,
      GITHUB_OUTPUT: options.stepFiles?.output ?? mainOutput,
      GITHUB_STATE: options.stepFiles?.state ?? mainState,
      GITHUB_STEP_SUMMARY: options.stepFiles?.summary ?? summaryFile,
    }),
    options.workspace,
    timeoutMs,
  );
  const outputs = parseFileCommands(await readIfExists(mainOutput));
  // The action's report file is the same document the CLI writes: it must match the shipped schema too.
  const reportText = outputs.report ? await readIfExists(outputs.report) : '';
  if (reportText !== '') expectValidOutput(reportText, `the action's report ${outputs.report}`);
  const state = parseFileCommands(await readIfExists(mainState));
  const mode = options.post ?? 'if-success';
  const stateEnv = Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]));
  // The runner passes the same inputs to the post step.
  const runPost = () =>
    runNode(
      options.postScript ?? POST_BUNDLE,
      definedOnly({ ...base, ...inputs, ...stateEnv, GITHUB_OUTPUT: postOutput, GITHUB_STATE: postState }),
      options.workspace,
      timeoutMs,
    );
  let post: StepRun | null = null;
  if (mode === 'always' || (mode === 'if-success' && main.code === 0)) post = await runPost();
  return {
    main,
    post,
    outputs,
    state,
    summary: await readIfExists(summaryFile),
    commands: parseWorkflowCommands(main.stdout),
    runnerTemp,
    runPost,
  };
}
