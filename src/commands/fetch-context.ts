import type { FetchContext } from '../fetch/context.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';

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
    wording: ports.wording,
  };
}
