/**
 * Reads `git ls-remote` output and picks the commit a ref names, in the order `git clone --branch` uses:
 * a branch first, then a tag (peeled to its commit), then a full ref name or HEAD.
 */

export type RemoteRefs = ReadonlyMap<string, string>;

export function parseLsRemote(stdout: string): RemoteRefs {
  const refs = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^([0-9a-f]{40,64})\t(\S+)$/.exec(line.trim());
    if (match?.[1] && match[2]) refs.set(match[2], match[1]);
  }
  return refs;
}

/** The patterns to ask ls-remote for so every candidate of `ref` (including peeled tags) is listed. */
export function lsRemotePatterns(ref: string): string[] {
  return ref === 'HEAD' ? ['HEAD'] : [ref, `${ref}^{}`];
}

export function commitForRef(refs: RemoteRefs, ref: string): string | null {
  if (ref === 'HEAD') return refs.get('HEAD') ?? null;
  const candidates = [
    `refs/heads/${ref}`,
    `refs/tags/${ref}^{}`,
    `refs/tags/${ref}`,
    ...(ref.startsWith('refs/') ? [`${ref}^{}`, ref] : []),
  ];
  for (const name of candidates) {
    const commit = refs.get(name);
    if (commit) return commit;
  }
  return null;
}
