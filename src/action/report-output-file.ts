/** Writes the JSON report (schema/report.schema.json) under the runner's temp directory: the `report` output's path. */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../report/report.js';

/** A fresh directory per run, so two steps of one job never overwrite each other's report. */
export async function writeReportFile(report: Report, runnerTemp: string | undefined): Promise<string> {
  const base = runnerTemp || tmpdir();
  await fsp.mkdir(base, { recursive: true });
  const dir = await fsp.mkdtemp(join(base, 'amplifier-modules-'));
  const path = join(dir, 'report.json');
  await fsp.writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
