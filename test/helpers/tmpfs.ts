/** A tmpfs mount for full-disk and read-only-disk cases: root only, so every such case can be skipped elsewhere. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mounts a tmpfs at `dir` with `options` (e.g. `size=1m`, `ro,size=1m`); false when this machine does not allow it. */
export function mountTmpfs(dir: string, options: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0;
}

export function unmount(dir: string): void {
  spawnSync('umount', [dir]);
}

/** Whether this machine lets a test mount a tmpfs (root, no container restriction); decided once, at collection. */
export const CAN_MOUNT = ((): boolean => {
  const probe = mkdtempSync(join(tmpdir(), 'am-mount-probe-'));
  try {
    if (!mountTmpfs(probe, 'size=64k')) return false;
    unmount(probe);
    return true;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();
