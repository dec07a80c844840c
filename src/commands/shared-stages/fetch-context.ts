import { basename, join } from 'node:path';
import { environmentsInstalledFrom } from '../../module-cache/clone-users.js';
import { findQuarantinedFor, restoreQuarantined } from '../../module-cache/quarantine.js';
import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import { acquireHolderLock } from '../../ports/cache-lock.js';
import type { FetchContext } from '../../stages/fetch/context.js';

export function fetchContextFor(
  options: Pick<PipelineOptions, 'home' | 'offline' | 'token'>,
  ports: PipelinePorts,
): FetchContext {
  return {
    fs: ports.fs,
    exec: ports.exec,
    env: ports.env,
    home: options.home,
    logger: ports.logger,
    redactor: ports.redactor,
    clock: ports.clock,
    offline: options.offline,
    token: options.token,
    usersOf: (dir) => environmentsInstalledFrom(ports.fs, options.home, dir),
    unquarantine: async (dir) => {
      const quarantined = await findQuarantinedFor(ports.fs, options.home, dir);
      if (quarantined?.from !== dir || !(await restoreQuarantined(ports.fs, quarantined))) return false;
      ports.logger.info(`moved ${dir} back from prune's quarantine`);
      return true;
    },
    // A lock per clone directory, beside the cache lock: concurrent warms of a moved branch fetch it once.
    placementLock: async (dir) => {
      const locks = join(options.home, 'amplifier-modules', 'clone-locks', basename(dir));
      return (await acquireHolderLock(locks, 'exclusive', ports.logger, `the clone ${dir}`, true)).release;
    },
    wording: ports.wording,
  };
}
