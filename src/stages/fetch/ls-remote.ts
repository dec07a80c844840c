/**
 * Reads `git ls-remote` output and picks the commit a ref names, in the order `git clone --branch` uses:
 * a branch first, then a tag (peeled to its commit), then a full ref name or HEAD.
 */

/**
 * `git ls-remote` speaks protocol version 0: the server lists its refs as soon as the client connects (git://, ssh)
 * or asks (one HTTP GET), one round trip. Version 2 takes two (capabilities, then the ls-refs command), and git writes
 * that command as many small packets, which on git:// wait on the server's delayed ACK: 45 ms per repository on
 * 127.0.0.1 against under 10 ms. With patterns, ls-remote filters on the client in both versions, so the same refs
 * travel either way.
 */
export const LS_REMOTE_COMMAND: readonly string[] = ['-c', 'protocol.version=0', 'ls-remote'];

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
