/**
 * Everything main tells the workflow about a finished run, from one report: the JSON report file, every output, the
 * job summary and an error annotation at the declaring line of each failed module (capped at GitHub's limit). The
 * stages already worded every fix in the action's inputs (PipelinePorts.wording).
 */
import * as core from '@actions/core';
import type { Env } from '../ports.js';
import { printableDeep } from '../printable.js';
import { failureAnnotations } from '../report/annotations.js';
import { renderJobSummary } from '../report/markdown.js';
import type { Report } from '../report/report.js';
import type { Redactor } from '../secrets.js';
import { capAnnotations } from './annotation-cap.js';
import { type StepFileFailure, tryStepFile } from './output-files.js';
import { type ActionOutputs, actionOutputs, OUTPUT_NAMES } from './outputs.js';
import { writeReportFile } from './report-output-file.js';
import { commandText } from './workflow-log.js';

function setOutputs(outputs: ActionOutputs): void {
  for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name]);
}

async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write();
  } catch (error) {
    // Not written: what was added must not be written with the next summary.
    core.summary.emptyBuffer();
    throw error;
  }
}

/**
 * Writes the report file, sets every output, appends the job summary and places the annotations. A report file that
 * cannot be written is a warning; an output or summary file that cannot be written is returned (output-files.ts), and
 * everything else still happens: the result reaches the log and the annotations whatever the runner's files do.
 * What is shown (summary, annotations) has its control characters escaped; the JSON file and outputs keep the values.
 */
export async function publish(
  input: Report,
  workspace: string,
  env: Env,
  redactor: Redactor,
): Promise<StepFileFailure[]> {
  const report = redactor.redactDeep(input);
  const shown = printableDeep(report);
  let reportPath = '';
  try {
    reportPath = await writeReportFile(report, env.RUNNER_TEMP);
  } catch (error) {
    core.warning(commandText(redactor.redact(`Could not write the JSON report: ${String(error)}`)));
  }
  const failures = [await tryStepFile('GITHUB_OUTPUT', env, () => setOutputs(actionOutputs(report, reportPath)))];
  if (env.GITHUB_STEP_SUMMARY) {
    failures.push(
      await tryStepFile('GITHUB_STEP_SUMMARY', env, () =>
        writeSummary(renderJobSummary(shown, redactor, { workspace })),
      ),
    );
  }
  for (const annotation of capAnnotations(failureAnnotations(shown, workspace, redactor))) {
    core.error(commandText(annotation.message), {
      title: commandText(annotation.title),
      ...(annotation.file ? { file: commandText(annotation.file) } : {}),
      ...(annotation.line ? { startLine: annotation.line } : {}),
    });
  }
  return failures.filter((failure): failure is StepFileFailure => failure !== null);
}
