/**
 * `--session` through the built CLI: the bundle plus what the Amplifier CLI composes onto every session, in its
 * order, each added module saying where it came from. The behavior repositories are fixtures written here in the
 * shapes of the real ones, served as a company mirror (`url.<mirror>.insteadOf https://github.com/microsoft/`),
 * and the app settings are written the way `amplifier provider use`, `amplifier notify` and `bundle.app` write them.
 * The CLI's own expertise behavior comes from the installed amplifier-app-cli package: once without it (reported
 * as missing), once with it installed in the target environment.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportModule } from '../../src/report/report.js';
import { git, makeModuleRepo } from '../helpers/git-repos.js';
import { createSandbox, type Sandbox } from '../helpers/sandbox.js';
import { createVenv, type TestVenv } from '../helpers/venv.js';
import { describeRun, profileText } from '../hostile/refusal.js';

let sb: Sandbox;
let venv: TestVenv;

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** A behavior repository: a root bundle.md and the behavior files, committed on main. */
async function behaviorRepo(served: string, name: string, files: Record<string, string>): Promise<void> {
  await makeModuleRepo(served, name, {
    'bundle.md': profileText(`bundle: {name: ${name.replace('amplifier-bundle-', '')}, version: 1.0.0}`),
    ...files,
  });
}

function modulesLine(modules: readonly ReportModule[]): string[] {
  return modules.map(
    (m) => `${m.agent ?? '-'} ${m.kind} ${m.id} <- ${m.origin ? `${m.origin.kind}:${m.origin.name}` : 'none'}`,
  );
}

async function run(args: readonly string[]) {
  const result = await sb.runAsync(['resolve', '-p', '.amplifier/bundle.md', '--format', 'json', ...args]);
  const report = JSON.parse(result.stdout) as Report;
  return { result, report };
}

beforeAll(async () => {
  sb = await createSandbox({ tools: 'pass' });
  const served = join(sb.root, 'mirror', 'microsoft');
  await behaviorRepo(served, 'amplifier-bundle-modes', {
    'behaviors/modes.yaml': yaml(
      'bundle: {name: modes-behavior, version: 1.0.0}',
      'hooks:',
      '  - {module: hooks-mode, source: ./modules/hooks-mode}',
    ),
  });
  await behaviorRepo(served, 'amplifier-bundle-skills', {
    'behaviors/skills.yaml': yaml(
      'bundle: {name: skills-behavior, version: 1.0.0}',
      'tools:',
      '  - {module: tool-skills, source: ./modules/tool-skills, config: {skills: [a]}}',
    ),
  });
  await behaviorRepo(served, 'amplifier-bundle-wayfinder', {
    'behaviors/wayfinder.yaml': yaml(
      'bundle: {name: wayfinder-behavior, version: 1.0.0}',
      'hooks:',
      '  - {module: hooks-wayfinder, source: ./modules/hooks-wayfinder}',
    ),
  });
  await behaviorRepo(served, 'amplifier-bundle-notify', {
    'behaviors/desktop-notifications.yaml': yaml(
      'bundle: {name: desktop-notifications, version: 1.0.0}',
      'hooks:',
      '  - {module: hooks-notify, source: ./modules/hooks-notify}',
    ),
    'behaviors/push-notifications.yaml': yaml(
      'bundle: {name: push-notifications, version: 1.0.0}',
      'hooks:',
      '  - {module: hooks-notify-push, source: ./modules/hooks-notify-push}',
    ),
  });
  await behaviorRepo(served, 'amplifier-bundle-team', {
    'bundle.md': profileText(
      'bundle: {name: team, version: 1.0.0}',
      'tools:',
      '  - {module: tool-team, source: ./modules/tool-team}',
      '  - {module: tool-skills, config: {skills: [team]}}',
    ),
  });
  await git(sb.userHome, [
    'config',
    '--file',
    join(sb.userHome, '.gitconfig'),
    `url.file://${served}/.insteadOf`,
    'https://github.com/microsoft/',
  ]);

  await sb.write(
    '.amplifier/bundle.md',
    profileText(
      'bundle: {name: my-app, version: 1.0.0}',
      'session:',
      '  orchestrator: {module: loop-streaming, source: ./modules/loop-streaming}',
      '  context: {module: context-simple, source: ./modules/context-simple}',
      'tools:',
      '  - {module: tool-filesystem, source: ./modules/tool-filesystem}',
    ),
  );
  await sb.write(
    join(sb.amplifierHome, 'settings.yaml'),
    yaml(
      'bundle:',
      '  active: my-app',
      '  app:',
      '    - git+https://github.com/microsoft/amplifier-bundle-team@main',
      'config:',
      '  providers:',
      '    - module: provider-anthropic',
      '      source: git+https://github.com/microsoft/amplifier-module-provider-anthropic@main',
      '      config: {default_model: claude-sonnet-4-5, priority: 1}',
      '  notifications:',
      '    desktop: {enabled: true}',
    ),
  );
  // Fetch every behavior into the module cache once, as `amplifier-modules warm --session` does in CI.
  const warmed = await sb.runAsync(['warm', '-p', '.amplifier/bundle.md', '--session', '--format', 'json']);
  expect(JSON.parse(warmed.stdout).unresolvedIncludes.length, describeRun(warmed)).toBe(1);

  venv = await createVenv(join(sb.root, 'envs'));
}, 120_000);
afterAll(async () => {
  await sb.cleanup();
});

describe('--session (built CLI)', () => {
  it('without the flag the report is the bundle as declared, with no origins', async () => {
    const { report } = await run([]);
    expect(report.modules.map((m) => m.id)).toEqual(['loop-streaming', 'context-simple', 'tool-filesystem']);
    expect(report.modules.every((m) => m.origin === undefined)).toBe(true);
  });

  it('composes what the CLI adds, in its order, and reports the missing CLI package', async () => {
    const { report, result } = await run(['--session']);
    expect(modulesLine(report.modules), describeRun(result)).toEqual([
      '- orchestrator loop-streaming <- bundle:bundle.md',
      '- context context-simple <- bundle:bundle.md',
      '- provider provider-anthropic <- settings-provider:config.providers[0]',
      '- tool tool-filesystem <- bundle:bundle.md',
      '- tool tool-skills <- cli-behavior:skills',
      '- tool tool-team <- app-bundle:bundle.app[0]',
      '- hook hooks-mode <- cli-behavior:modes',
      '- hook hooks-wayfinder <- cli-behavior:wayfinder',
      '- hook hooks-notify <- cli-behavior:desktop-notifications',
    ]);
    const provider = report.modules.find((m) => m.id === 'provider-anthropic');
    expect(provider?.declaredAt?.file).toBe(join(sb.amplifierHome, 'settings.yaml'));
    expect(provider?.resolution.source?.url).toBe('https://github.com/microsoft/amplifier-module-provider-anthropic');
    const text = await sb.runAsync(['resolve', '-p', '.amplifier/bundle.md', '--session']);
    expect(text.stdout).toMatch(/hooks-wayfinder .*\(from cli-behavior wayfinder\)/);
    expect(text.stdout).toMatch(/tool-team .*\(from app-bundle bundle\.app\[0\]\)/);
    expect(text.stdout).toContain(
      `loaded by the Amplifier CLI from: app-bundle bundle.app[0] at ${join(sb.amplifierHome, 'settings.yaml')}:4`,
    );
    const missing = report.unresolvedIncludes.map((u) => `${u.uri}: ${u.reason}`).join('\n');
    expect(missing).toContain('amplifier-app-cli');
    expect(missing).toContain('not there');
  });

  it('with amplifier-app-cli installed in the target environment, its expertise behavior and agent are composed', async () => {
    const site = join(venv.dir, 'lib', 'python3.11', 'site-packages');
    const bundleRoot = join(site, 'amplifier_app_cli', '_bundle');
    await mkdir(bundleRoot, { recursive: true });
    await sb.write(join(site, 'amplifier_app_cli', '__init__.py'), '');
    await sb.write(join(bundleRoot, 'bundle.md'), profileText('bundle: {name: app-cli, version: 1.0.0}'));
    await sb.write(
      join(bundleRoot, 'behaviors', 'cli-expertise.yaml'),
      yaml(
        'bundle: {name: behavior-cli-expertise, version: 0.1.0}',
        'agents:',
        '  include:',
        '    - app-cli:cli-expert',
      ),
    );
    await sb.write(
      join(bundleRoot, 'agents', 'cli-expert.md'),
      profileText(
        'meta: {name: cli-expert, description: the CLI expert}',
        'tools:',
        '  - {module: tool-cli-docs, source: ./modules/tool-cli-docs}',
      ),
    );
    const { report, result } = await run(['--session', '--python', venv.python]);
    expect(report.unresolvedIncludes, describeRun(result)).toEqual([]);
    const agentTool = report.modules.find((m) => m.id === 'tool-cli-docs');
    expect(agentTool?.agent).toBe('app-cli:cli-expert');
    expect(agentTool?.origin?.kind).toBe('cli-package');
    expect(agentTool?.origin?.uri).toBe(`file://${bundleRoot}#subdirectory=behaviors/cli-expertise.yaml`);
  });
});
