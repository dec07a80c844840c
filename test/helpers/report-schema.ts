/**
 * Every JSON document the suite sees the product write (CLI stdout with --format json, --report files, the action's
 * report file) is checked against the shipped schema, schema/report.schema.json, so the schema cannot drift from
 * what the code writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { wantsJson } from '../../src/cli/json-output.js';

const SCHEMA_PATH = fileURLToPath(new URL('../../schema/report.schema.json', import.meta.url));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object,
);

/** The fields tests read from a validated document. */
export interface OutputDocument {
  readonly version: 1;
  readonly command: string | null;
  readonly ok: boolean;
  readonly modules?: readonly { readonly id: string; readonly path: string | null; readonly status: string }[];
  readonly error?: { readonly code: string; readonly message: string; readonly fix: string | null };
}

/** Parses `text` as one JSON document and throws, naming every violation, unless it matches the schema. */
export function expectValidOutput(text: string, where = 'output'): OutputDocument {
  const value: unknown = JSON.parse(text);
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    throw new Error(`${where} does not match schema/report.schema.json: ${problems}`);
  }
  return value as OutputDocument;
}

/**
 * Checks what a CLI run wrote: stdout when it asked for JSON, and the --report file when the run wrote one (exit 0 or
 * 1; on any other exit the file, if there is one, is whatever was there before).
 */
export function checkCliOutputs(
  args: readonly string[],
  stdout: string,
  resolvePath: (path: string) => string,
  code: number | null,
): void {
  if (wantsJson(args) && stdout.trim() !== '') expectValidOutput(stdout, `stdout of ${args.join(' ')}`);
  const reportIndex = args.indexOf('--report');
  const report = reportIndex >= 0 ? args[reportIndex + 1] : undefined;
  if (report !== undefined && (code === 0 || code === 1) && existsSync(resolvePath(report))) {
    expectValidOutput(readFileSync(resolvePath(report), 'utf8'), `--report ${report}`);
  }
}
