/**
 * The action's main step: read the inputs, run the pipeline with the CI cache, then publish the result as outputs,
 * the JSON report, a job summary and annotations at the declaring lines. Every output is set on every path.
 */
import * as core from '@actions/core';
import type { CacheStore } from '../ci-cache/cache-store.js';
import { noCacheStore } from '../ci-cache/cache-store.js';
import type { CommandName } from '../model.js';
import { wordingFor } from '../options/option-wording.js';
import { runPipeline } from '../pipeline.js';
import type { PipelinePorts, Platform } from '../pipeline-options.js';
import { nodeExec } from '../ports/node-exec.js';
import { nodeFileSystem } from '../ports/node-fs.js';
import type { Env, Logger } from '../ports.js';
import { annotationPath } from '../report/annotations.js';
import { errorReport } from '../report/build-report.js';
import type { Report } from '../report/report.js';
import { Redactor } from '../secrets.js';
import { createActionLogger } from './action-logger.js';
import { createActionsCacheStore } from './actions-cache-store.js';
import { diagnosticFromError, formatDiagnostic } from './error-report.js';
import { type ActionInputs, readActionInputs, toPipelineOptions } from './inputs.js';
import { stepFilesFailure, tryStepFile } from './output-files.js';
import { publish } from './publish.js';
import { postStateEntries } from './state.js';
import { commandText, logInfo } from './workflow-log.js';

/** The CI cache, or none: off by input, or a notice and none when this runner has no cache service. */
function chooseCacheStore(inputs: ActionInputs, logger: Logger): CacheStore {
  if (!inputs.cache) {
    core.info('Caching is off (cache: false): every module is fetched into the module cache.');
    return noCacheStore;
  }
  // resolve reads no module contents, so there is nothing to restore and no reason to mention the service.
  if (inputs.command === 'resolve') return noCacheStore;
  const store = createActionsCacheStore(logger);
  if (!store.available) {
    core.notice('The GitHub Actions cache service is not available on this runner; caching is skipped.');
    return noCacheStore;
  }
  return store;
}

/** The runner's own names (`Linux`, `X64`) go into the cache key, as in actions/cache keys users already write. */
function runnerPlatform(env: Env): Platform {
  return { os: env.RUNNER_OS || process.platform, arch: env.RUNNER_ARCH || process.arch };
}

function logInputs(inputs: ActionInputs): void {
  logInfo(`command: ${inputs.command}`);
  logInfo(`workspace: ${inputs.workspace}`);
  logInfo(`profiles: ${inputs.profiles.length > 0 ? inputs.profiles.join(', ') : '(auto-detect under .amplifier/)'}`);
  logInfo(`amplifier home: ${inputs.home}`);
  logInfo(`python: ${inputs.python ?? '(default)'}; installer: ${inputs.installer}`);
  logInfo(`cache: ${inputs.cache} (${inputs.cacheMode}, prefix ${inputs.cacheKeyPrefix}); offline: ${inputs.offline}`);
}

function logModules(report: Report): void {
  for (const module of report.modules) {
    const layer = module.resolution.layer ?? '-';
    const source = module.resolution.source?.uri ?? module.declaredSource ?? '-';
    logInfo(`${module.status === 'ok' ? 'ok  ' : 'FAIL'} ${module.id} [${module.status}] ${layer} ${source}`);
  }
}

/** Short names for skipped includes: the part of the URI a reader recognises. */
function includeNames(report: Report): string {
  const names = report.unresolvedIncludes.map((include) => {
    const sub = /#subdirectory=(?:.*\/)?([^/]+?)(?:\.ya?ml|\.md)?$/.exec(include.uri)?.[1];
    return sub ?? include.uri.replace(/^.*[/:]\s*/, '').replace(/@.*$/, '');
  });
  return names.join(', ');
}

/**
 * Skipped includes (session parts not in the module cache while offline, an unregistered namespace) leave modules
 * unchecked: one warning on the run page says so, unless strict already failed the step for it.
 */
function warnSkippedIncludes(report: Report, strict: boolean): void {
  const count = report.unresolvedIncludes.length;
  if (count === 0 || strict) return;
  core.warning(
    commandText(
      `${count} include(s) were skipped, so the modules they declare were not checked: ${includeNames(report)}. Fix: make them available (run once with offline: false, or command: warm); set strict: true to fail the step instead. Each reason is in the job summary.`,
    ),
    { title: `amplifier-modules: ${count} include(s) skipped` },
  );
}

function failureMessage(report: Report): string {
  const failed = report.modules.filter((module) => module.status !== 'ok');
  if (failed.length === 0) {
    const skipped = report.unresolvedIncludes.length;
    return `amplifier-modules ${report.command} failed with strict: true: ${skipped} skipped include(s) and ${report.warnings.length} warning(s) (listed in the job summary)`;
  }
  const list = failed.map((module) => `${module.id} (${module.status})`).join(', ');
  return `amplifier-modules ${report.command}: ${failed.length} of ${report.modules.length} modules failed: ${list}`;
}

export async function runMain(env: Env): Promise<void> {
  const redactor = new Redactor();
  redactor.addCredentialsIn(env);
  // Masked before anything else is read or logged, so no later message can carry it.
  const token = core.getInput('github-token');
  if (token) {
    core.setSecret(token);
    redactor.add(token);
  }
  let command: CommandName = 'verify';
  let workspace = env.GITHUB_WORKSPACE || process.cwd();
  try {
    const inputs = await core.group('Inputs', async () => {
      const read = await readActionInputs((name) => core.getInput(name), env, process.cwd());
      logInputs(read);
      return read;
    });
    command = inputs.command;
    workspace = inputs.workspace;
    const logger = createActionLogger(redactor);
    const cacheStore = chooseCacheStore(inputs, logger);
    const ports: PipelinePorts = {
      fs: nodeFileSystem,
      exec: nodeExec,
      env,
      logger,
      clock: { now: () => Date.now() },
      redactor,
      cacheStore,
      platform: runnerPlatform(env),
      // Every fix the stages write names the step's inputs (option-table.ts), never the CLI's flags.
      wording: wordingFor('action'),
    };
    const result = await core.group(`amplifier-modules ${inputs.command}`, () =>
      runPipeline(toPipelineOptions(inputs), ports),
    );
    const { report } = result;
    await core.group('Result', async () => logModules(redactor.redactDeep(report)));
    const fileFailures = await publish(report, workspace, env, redactor);
    warnSkippedIncludes(redactor.redactDeep(report), inputs.strict);
    const plan = result.cachePlan;
    if (plan && cacheStore.available) {
      const saved = await tryStepFile('GITHUB_STATE', env, () => {
        for (const [name, value] of postStateEntries(plan)) core.saveState(name, value);
      });
      if (saved) fileFailures.push(saved);
    }
    const unwritable = stepFilesFailure(fileFailures);
    if (unwritable) throw unwritable;
    // fail-on-cache-miss stopped the pipeline itself (a RuntimeFailure, below) before anything was fetched.
    if (!report.ok) core.setFailed(commandText(redactor.redact(failureMessage(report))));
  } catch (error) {
    const diagnostic = diagnosticFromError(error);
    if (diagnostic.code === 'internal' && error instanceof Error && error.stack) {
      core.debug(commandText(redactor.redact(error.stack)));
    }
    try {
      await publish(errorReport(command, diagnostic), workspace, env, redactor);
    } catch {
      // Publishing already turns its own troubles into warnings; this only guards the last resort below.
    }
    const text = commandText(redactor.redact(formatDiagnostic(diagnostic, workspace)));
    // One error: at the bad line when there is one, else the step's own failure message.
    if (diagnostic.file) {
      process.exitCode = core.ExitCode.Failure;
      core.error(text, {
        title: `amplifier-modules: ${diagnostic.code}`,
        file: annotationPath(diagnostic.file, workspace),
        ...(diagnostic.line ? { startLine: diagnostic.line } : {}),
      });
    } else core.setFailed(text);
  }
}
