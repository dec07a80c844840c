/** The pipeline's Logger inside a workflow step: every line goes through the Redactor, then through core. */
import * as core from '@actions/core';
import type { Logger } from '../ports.js';
import type { Redactor } from '../secrets.js';

export function createActionLogger(redactor: Redactor): Logger {
  return {
    debug: (message) => core.debug(redactor.redact(message)),
    info: (message) => core.info(redactor.redact(message)),
    warn: (message) => core.warning(redactor.redact(message)),
    error: (message) => core.error(redactor.redact(message)),
    notice: (message) => core.notice(redactor.redact(message)),
  };
}
