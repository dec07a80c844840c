import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src/secrets.js';
import { gitEnvironment, registerToken, tokenHeaderValue } from '../../../src/stages/fetch/git-environment.js';

function configEntries(env: Readonly<Record<string, string | undefined>>): [string, string][] {
  const count = Number(env.GIT_CONFIG_COUNT);
  return Array.from({ length: count }, (_, i) => [
    env[`GIT_CONFIG_KEY_${i}`] ?? '',
    env[`GIT_CONFIG_VALUE_${i}`] ?? '',
  ]);
}

describe('gitEnvironment', () => {
  it('allows only the known protocols, never prompts, and disables hooks', () => {
    const env = gitEnvironment({ PATH: '/bin', GIT_DIR: '/elsewhere' });
    expect(env.GIT_ALLOW_PROTOCOL).toBe('https:http:ssh:git:file');
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.PATH).toBe('/bin');
    expect(configEntries(env)).toContainEqual(['core.hooksPath', '/dev/null']);
  });

  it('keeps the allow-list the user set, and only an empty one is replaced', () => {
    expect(gitEnvironment({ GIT_ALLOW_PROTOCOL: 'https:file' }).GIT_ALLOW_PROTOCOL).toBe('https:file');
    expect(gitEnvironment({ GIT_ALLOW_PROTOCOL: '' }).GIT_ALLOW_PROTOCOL).toBe('https:http:ssh:git:file');
  });

  it('sends a token only as a header scoped to its host, after the caller’s own config entries', () => {
    const token = 'ghs_abcdefghijklmnopqrstuvwxyz0123456789';
    const env = gitEnvironment(
      { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_VALUE_0: 'me' },
      { token: { host: 'github.com', value: token } },
    );
    const entries = configEntries(env);
    expect(entries[0]).toEqual(['user.name', 'me']);
    expect(entries).toContainEqual([
      'http.https://github.com/.extraheader',
      `AUTHORIZATION: ${tokenHeaderValue(token)}`,
    ]);
    expect(Buffer.from(tokenHeaderValue(token).slice('basic '.length), 'base64').toString()).toBe(
      `x-access-token:${token}`,
    );
  });

  it('registers the token and its encoded form with the redactor', () => {
    const redactor = new Redactor();
    const token = 'plain-token-value-1234';
    registerToken(redactor, { host: 'example.com', value: token });
    const header = tokenHeaderValue(token);
    expect(redactor.redact(`sent ${header} and ${token}`)).not.toContain(token);
    expect(redactor.redact(header)).not.toContain(header.slice('basic '.length));
  });
});
