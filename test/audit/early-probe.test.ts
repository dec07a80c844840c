/**
 * The audit's question rides in the interpreter session (one Python process per environment, which also says where
 * the interpreter lives): its answers serve only an audit of the environment as it was when it started, so a run that
 * placed a clone (fetched, or restored from the CI cache) or audits another interpreter asks again. A real
 * interpreter answers.
 */
import { describe, expect, it } from 'vitest';
import { conventionalImportName } from '../../src/audit/audit-modules.js';
import { earlyProbe } from '../../src/commands/early-probe.js';
import { startInterpreterSession } from '../../src/commands/interpreter-session.js';
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

function session(names: readonly string[] | null) {
  return startInterpreterSession(nodeExec, BASE_PYTHON, process.env, process.cwd(), names);
}

describe('the early probe', () => {
  it('asks nothing when the command cannot use the answers', async () => {
    const probe = earlyProbe(false);
    expect(probe.question(declarations)).toBeNull();
    const started = session(probe.question(declarations));
    expect(probe.answersFor(started, [reused], BASE_PYTHON)).toBeNull();
    expect(started.probe).toBeNull();
    expect((await started.interpreter).ok).toBe(true);
  });

  it('answers for every declared module when no clone was placed, in the same process as the interpreter', async () => {
    const probe = earlyProbe(true);
    const started = session(probe.question(declarations));
    const answers = await probe.answersFor(started, [reused, { fetch: undefined }], BASE_PYTHON);
    if (!answers?.ok) throw new Error(`no answer: ${JSON.stringify(answers)}`);
    expect(answers.value.results.map((r) => r.module)).toEqual(declarations.map((d) => conventionalImportName(d.id)));
    expect(answers.value.results.every((r) => r.found === false)).toBe(true);
    const interpreter = await started.interpreter;
    if (!interpreter.ok) throw new Error(interpreter.error);
    expect(interpreter.value.executable).toBe(answers.value.executable);
  });

  it('is set aside when this run fetched or restored a clone, or for another interpreter', async () => {
    const probe = earlyProbe(true);
    const started = session(probe.question(declarations));
    expect(probe.answersFor(started, [reused, { fetch: { origin: 'network', ms: 5 } }], BASE_PYTHON)).toBeNull();
    expect(probe.answersFor(started, [{ fetch: { origin: 'ci-cache', ms: 5 } }], BASE_PYTHON)).toBeNull();
    expect(probe.answersFor(started, [reused], '/another/python')).toBeNull();
    expect(probe.answersFor(null, [reused], BASE_PYTHON)).toBeNull();
    expect((await probe.answersFor(started, [reused], BASE_PYTHON))?.ok).toBe(true);
  });
});

describe('the interpreter session', () => {
  it('an interpreter that cannot start: no answer about itself, and the probe fails with the fix', async () => {
    const broken = startInterpreterSession(nodeExec, '/nonexistent/bin/python', process.env, process.cwd(), [
      'amplifier_module_tool_x',
    ]);
    const interpreter = await broken.interpreter;
    expect(interpreter.ok).toBe(false);
    const answers = await broken.probe;
    expect(answers?.ok).toBe(false);
    if (answers && !answers.ok) expect(String(answers.error)).toContain('/nonexistent/bin/python');
  });
});
