import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { maskUserinfo } from '../../src/secrets.js';
import { isCommitSha, parseGitUri } from '../../src/source/git-uri.js';

function rejection(uri: string): InputError {
  try {
    parseGitUri(uri, { file: 'profiles/dev.md', line: 9 });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`expected '${uri}' to be rejected`);
}

describe('parseGitUri: the forms in use', () => {
  it('parses https with a ref', () => {
    expect(parseGitUri('git+https://github.com/microsoft/amplifier-module-tool-bash@main')).toEqual({
      url: 'https://github.com/microsoft/amplifier-module-tool-bash',
      ref: 'main',
      refGiven: true,
      subdirectory: null,
      scheme: 'https',
      host: 'github.com',
      path: '/microsoft/amplifier-module-tool-bash',
      ignoredFragment: null,
    });
  });

  it('defaults the ref to main when none is given', () => {
    const parsed = parseGitUri('git+https://github.com/org/repo');
    expect(parsed.ref).toBe('main');
    expect(parsed.refGiven).toBe(false);
    expect(parsed.url).toBe('https://github.com/org/repo');
  });

  it('keeps userinfo in the URL and never mistakes git@ for a ref', () => {
    const noRef = parseGitUri('git+ssh://git@github.com/org/repo');
    expect(noRef.url).toBe('ssh://git@github.com/org/repo');
    expect(noRef.ref).toBe('main');
    expect(noRef.refGiven).toBe(false);
    expect(noRef.host).toBe('github.com');

    const withRef = parseGitUri('git+ssh://git@github.com:2222/org/repo.git@v1.2.0');
    expect(withRef.url).toBe('ssh://git@github.com:2222/org/repo.git');
    expect(withRef.host).toBe('github.com:2222');
    expect(withRef.ref).toBe('v1.2.0');
  });

  it('accepts refs containing slashes', () => {
    const parsed = parseGitUri('git+https://github.com/org/repo@feat/nested/branch');
    expect(parsed.ref).toBe('feat/nested/branch');
    expect(parsed.path).toBe('/org/repo');
  });

  it('reads #subdirectory= and normalises it', () => {
    const parsed = parseGitUri(
      'git+https://github.com/microsoft/amplifier-foundation@main#subdirectory=modules/tool-delegate/',
    );
    expect(parsed.subdirectory).toBe('modules/tool-delegate');
    expect(parsed.url).toBe('https://github.com/microsoft/amplifier-foundation');
    expect(parseGitUri('git+https://h.example/o/r#subdirectory=./a/./b').subdirectory).toBe('a/b');
    expect(parseGitUri('git+https://h.example/o/r#subdirectory=').subdirectory).toBeNull();
  });

  it('ignores fragment keys other than subdirectory, as upstream does, but reports them', () => {
    const parsed = parseGitUri('git+https://github.com/org/repo@main#egg=x&subdirectory=pkg');
    expect(parsed.subdirectory).toBe('pkg');
    expect(parsed.ignoredFragment).toBe('egg=x');
    expect(parseGitUri('git+https://github.com/org/repo@main#amplifier-bundle').ignoredFragment).toBe(
      'amplifier-bundle',
    );
  });

  it('parses git+file with an empty host, and git:// and http://', () => {
    const file = parseGitUri('git+file:///tmp/repos/mod@0123456789abcdef0123456789abcdef01234567');
    expect(file).toMatchObject({ url: 'file:///tmp/repos/mod', scheme: 'file', host: '', path: '/tmp/repos/mod' });
    expect(isCommitSha(file.ref)).toBe(true);
    expect(parseGitUri('git+git://127.0.0.1:9418/repo@dev').url).toBe('git://127.0.0.1:9418/repo');
    expect(parseGitUri('git+http://localhost:8080/org/repo').scheme).toBe('http');
  });

  it('lower-cases the transport', () => {
    expect(parseGitUri('git+HTTPS://github.com/org/repo').url).toBe('https://github.com/org/repo');
  });
});

describe('parseGitUri: hostile and malformed values', () => {
  const unsafe: Array<[string, string]> = [
    ['git+ext::sh -c touch% /tmp/pwned', 'ext:: transport'],
    ['git+fd::17', 'fd:: transport'],
    ['git+ext::sh%20-c%20id', 'ext:: transport without spaces'],
    ['git+transport::https://github.com/org/repo', 'a remote helper prefix'],
    ['git+ftp://example.com/repo', 'ftp transport'],
    ['git+https://github.com/org/repo@-uupload-pack=touch', 'ref starting with -'],
    ['git+https://github.com/org/repo@main\nmalicious', 'control character'],
    ['git+https://github.com/org/repo@ma in', 'whitespace'],
    ['git+https://github.com/org/repo@main#subdirectory=../../etc', '.. in subdirectory'],
    ['git+https://github.com/org/repo@main#subdirectory=/etc/passwd', 'absolute subdirectory'],
    ['git+https://github.com/org/repo@main#subdirectory=C:/Windows', 'drive-letter subdirectory'],
    ['git+https://github.com/org/repo@main#subdirectory=a%2F..%2F..%2Fb', 'escaped .. in subdirectory'],
    ['git+https://github.com/org/repo@main#subdirectory=a\\..\\..\\b', 'backslash .. in subdirectory'],
    ['git+https:///org/repo', 'empty host'],
    ['git+ssh://-oProxyCommand=touch/repo', 'host starting with -'],
    ['git+ssh://-oProxyCommand=x@github.com/repo', 'user starting with -'],
    ['git+file://evil.example/share/repo', 'file with a host'],
    ['git+https://github.com/org/repo@main~1', 'revision expression'],
    ['git+https://github.com/org/repo@a..b', '.. in ref'],
    ['git+https://github.com/org/repo@main@{1}', '@{ in ref'],
    ['git+https://github.com/org/../repo@main', '.. in repository path'],
    ['git+-https://github.com/org/repo', '- after git+'],
  ];
  for (const [uri, why] of unsafe) {
    it(`rejects ${why} as unsafe-source with the location`, () => {
      const error = rejection(uri);
      expect(error.code).toBe('unsafe-source');
      expect(error.file).toBe('profiles/dev.md');
      expect(error.line).toBe(9);
      expect(error.fix).toBeTruthy();
    });
  }

  it('rejects malformed values as invalid-source', () => {
    expect(rejection('https://github.com/org/repo').code).toBe('invalid-source');
    expect(rejection('git+https://github.com/org/repo@').code).toBe('invalid-source');
    expect(rejection('git+https://github.com').code).toBe('invalid-source');
    expect(rejection('git+https://github.com/org/repo?x=1').code).toBe('invalid-source');
  });

  it('explains the scp-like form with the URL to write instead', () => {
    const error = rejection('git+git@github.com:org/repo');
    expect(error.code).toBe('invalid-source');
    expect(error.fix).toContain('git+ssh://git@github.com/org/repo');
  });

  it('never puts a password or token into the message', () => {
    const error = rejection('git+https://user:s3cr3t-token@github.com/org/repo@-x');
    expect(error.message).not.toContain('s3cr3t-token');
    expect(error.message).toContain('***@github.com');
  });
});

describe('isCommitSha and maskUserinfo', () => {
  it('accepts exactly 40 hex characters', () => {
    expect(isCommitSha('a'.repeat(40))).toBe(true);
    expect(isCommitSha('A1'.repeat(20))).toBe(true);
    expect(isCommitSha('a'.repeat(39))).toBe(false);
    expect(isCommitSha('g'.repeat(40))).toBe(false);
    expect(isCommitSha('main')).toBe(false);
  });

  it('masks userinfo except the conventional git user', () => {
    expect(maskUserinfo('git+https://x-access-token:ghp_abc@github.com/o/r')).toBe('git+https://***@github.com/o/r');
    expect(maskUserinfo('git+ssh://git@github.com/o/r')).toBe('git+ssh://git@github.com/o/r');
  });
});
