/**
 * The audit's probe started when the interpreter is chosen: its answers serve only an audit of the environment as
 * it was when it started, so a run that placed a clone (fetched, or restored from the CI cache) or audits another
 * interpreter asks again. A real interpreter answers.
 */
import { describe, expect, it } from 'vitest';
import { conventionalImportName } from '../../src/audit/audit-modules.js';
import { earlyProbe } from '../../src/commands/early-probe.js';
import type { Declaration } from '../../src/model.js';
import { nodeExec } from '../../src/ports/node-exec.js';
import { BASE_PYTHON } from '../helpers/venv.js';

function declaration(id: string): Declaration {
  return {
    id,
    kind: 'tool',
    agent: null,
    declaredAt: { file: '/nowhere/profile.md', line: 3 },
    source: null,
    sourceBaseDir: null,
    config: null,
  };
}

const declarations = [declaration('tool-early-a'), declaration('tool-early-b')];
const reused = { fetch: { origin: 'local-cache' as const, ms: 1 } };

describe('the early probe', () => {
  it('is not started when the command cannot use it', () => {
    const probe = earlyProbe({ exec: nodeExec }, false);
    expect(probe.starter(declarations)).toBeUndefined();
    expect(probe.answersFor([reused], BASE_PYTHON)).toBeNull();
  });

  it('answers for every declared module when no clone was placed', async () => {
    const probe = earlyProbe({ exec: nodeExec }, true);
    probe.starter(declarations)?.(BASE_PYTHON);
    const answers = await probe.answersFor([reused, { fetch: undefined }], BASE_PYTHON);
    if (!answers?.ok) throw new Error(`no answer: ${JSON.stringify(answers)}`);
    expect(answers.value.results.map((r) => r.module)).toEqual(declarations.map((d) => conventionalImportName(d.id)));
    expect(answers.value.results.every((r) => r.found === false)).toBe(true);
  });

  it('is set aside when this run fetched or restored a clone, or for another interpreter', async () => {
    const probe = earlyProbe({ exec: nodeExec }, true);
    probe.starter(declarations)?.(BASE_PYTHON);
    expect(probe.answersFor([reused, { fetch: { origin: 'network', ms: 5 } }], BASE_PYTHON)).toBeNull();
    expect(probe.answersFor([{ fetch: { origin: 'ci-cache', ms: 5 } }], BASE_PYTHON)).toBeNull();
    expect(probe.answersFor([reused], '/another/python')).toBeNull();
    expect((await probe.answersFor([reused], BASE_PYTHON))?.ok).toBe(true);
  });
});
