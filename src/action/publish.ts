/**
 * Everything main tells the workflow about a finished run, from one report: the JSON report file, every output, the
 * job summary and an error annotation at the declaring line of each failed module (capped at GitHub's limit). The
 * stages already worded every fix in the action's inputs (PipelinePorts.wording).
 */
import * as core from '@actions/core';
import type { Env } from '../ports.js';
import { failureAnnotations } from '../report/annotations.js';
import { renderJobSummary } from '../report/markdown.js';
import type { Report } from '../report/report.js';
import type { Redactor } from '../secrets.js';
import { capAnnotations } from './annotation-cap.js';
import { type ActionOutputs, actionOutputs, OUTPUT_NAMES } from './outputs.js';
import { writeReportFile } from './report-file.js';

function setOutputs(outputs: ActionOutputs): void {
  for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name]);
}

/**
 * Writes the report file, sets every output, appends the job summary and places the annotations. Outputs come
 * first, and a failing report file or summary is a warning: the result still reaches the workflow.
 */
export async function publish(input: Report, workspace: string, env: Env, redactor: Redactor): Promise<void> {
  const report = redactor.redactDeep(input);
  let reportPath = '';
  try {
    reportPath = await writeReportFile(report, env.RUNNER_TEMP);
  } catch (error) {
    core.warning(redactor.redact(`Could not write the JSON report: ${String(error)}`));
  }
  setOutputs(actionOutputs(report, reportPath));
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(renderJobSummary(report, redactor, { workspace })).write();
    } catch (error) {
      core.warning(redactor.redact(`Could not write the job summary: ${String(error)}`));
    }
  }
  for (const annotation of capAnnotations(failureAnnotations(report, workspace, redactor))) {
    core.error(annotation.message, {
      title: annotation.title,
      ...(annotation.file ? { file: annotation.file } : {}),
      ...(annotation.line ? { startLine: annotation.line } : {}),
    });
  }
}
