/** The pipeline's Logger inside a workflow step: every line goes through the Redactor, then through core, escaped. */
import * as core from '@actions/core';
import type { Logger } from '../ports.js';
import type { Redactor } from '../secrets.js';
import { commandText, logText } from './workflow-log.js';

/** Messages carry paths, refs and what git and pip said: none of it may be read as a workflow command. */
export function createActionLogger(redactor: Redactor): Logger {
  return {
    debug: (message) => core.debug(commandText(redactor.redact(message))),
    info: (message) => core.info(logText(redactor.redact(message))),
    warn: (message) => core.warning(commandText(redactor.redact(message))),
    error: (message) => core.error(commandText(redactor.redact(message))),
    notice: (message) => core.notice(commandText(redactor.redact(message))),
  };
}
