import { describe, expect, it } from 'vitest';
import { maskUserinfo, Redactor, userinfoOf } from '../../src/secrets.js';

describe('the masker', () => {
  it('finds the userinfo whatever the password holds', () => {
    expect(userinfoOf('git+https://u:p@ss@host/o/r@main')).toBe('u:p@ss');
    expect(userinfoOf('git+https://u:p/ss@host/o/r@main')).toBe('u:p/ss');
    expect(userinfoOf('git+https://u:p#ss@host/o/r@main')).toBe('u:p#ss');
    expect(userinfoOf(`https://u:p"s'@host/o`)).toBe(`u:p"s'`);
    expect(userinfoOf('https://TOKEN@host')).toBe('TOKEN');
    expect(userinfoOf('git+https://host:8443/o/r@main')).toBeNull();
    expect(userinfoOf('git+file:///srv/repo@main')).toBeNull();
  });

  it('masks URLs inside text and keeps a plain ssh user readable', () => {
    expect(maskUserinfo(`failed: 'git+https://u:a/b#c@d@host/o/r@v1' is bad`)).toBe(
      `failed: 'git+https://***@host/o/r@v1' is bad`,
    );
    expect(maskUserinfo('git+ssh://git@github.com/o/r@main')).toBe('git+ssh://git@github.com/o/r@main');
    expect(maskUserinfo('see https://host/o/r@main and file:///a@b')).toBe('see https://host/o/r@main and file:///a@b');
  });

  it('masks each URL of a long log up to its own whitespace, the last one ending the text', () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0 ? `Looking in https://u${i}:p${i}@host/simple/\tok` : `Collecting x${i} from https://host/x${i}.whl`,
    );
    const masked = maskUserinfo(`${lines.join('\n')}\nhttps://last:secret@host/tail`).split('\n');
    expect(masked).toHaveLength(3001);
    expect(masked[0]).toBe('Looking in https://***@host/simple/\tok');
    expect(masked[1]).toBe('Collecting x1 from https://host/x1.whl');
    expect(masked[2997]).toBe('Looking in https://***@host/simple/\tok');
    expect(masked[3000]).toBe('https://***@host/tail');
    expect(masked.join('\n')).not.toMatch(/:p\d+@|secret/);
  });

  it('masks registered credentials in every form, also where no URL surrounds them', () => {
    const redactor = new Redactor();
    redactor.addCredentialsIn({ sources: ['git+https://deploy:Pass%2Fword-1@host/o/r@main'] });
    const basic = Buffer.from('deploy:Pass/word-1').toString('base64');
    const text = redactor.redact(`Pass%2Fword-1 | Pass/word-1 | ${basic}`);
    expect(text).toBe('*** | *** | ***');
    expect(redactor.redactDeep({ 'k Pass/word-1': ['Pass/word-1'] })).toEqual({ 'k ***': ['***'] });
  });
});
