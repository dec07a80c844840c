/**
 * How sources appear in trail details: short, one line, with any userinfo masked (the report's Redactor masks
 * registered secrets too; this keeps a token typed into a URL out of the trail even before that).
 */
import type { RawSource, Source } from '../../model.js';
import { maskUserinfo } from '../../secrets.js';

export function showRawSource(raw: RawSource): string {
  if (typeof raw === 'string') return maskUserinfo(raw);
  const parts = Object.entries(raw).map(([key, value]) => {
    const text = typeof value === 'string' ? maskUserinfo(value) : JSON.stringify(value);
    return `${key}: ${text}`;
  });
  return `{${parts.join(', ')}}`;
}

export function showSource(source: Source): string {
  switch (source.type) {
    case 'git':
      return `git ${maskUserinfo(source.url)}@${source.ref}${source.subdirectory ? `#subdirectory=${source.subdirectory}` : ''}`;
    case 'file':
      return `file ${source.path}`;
    case 'package':
      return `package ${source.name}`;
  }
}
