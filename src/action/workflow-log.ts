/**
 * The step log is also a command channel, and `core.info` writes its text as it is: a profile path or a message from
 * git or pip holding a line break followed by `::error::`, `::add-mask::` or `::stop-commands::` would forge
 * annotations or silence the step's own commands. Every text the action logs goes through here: control characters
 * become visible escapes and command markers lose their meaning (printable.ts).
 */
import * as core from '@actions/core';
import { printable, withoutWorkflowCommands } from '../printable.js';

/** `text` (possibly several lines) as plain log text that no runner reads as a workflow command. */
export function logText(text: string): string {
  return withoutWorkflowCommands(printable(text, true));
}

/** `core.info` for text that may carry anything a file, path, ref, git or pip said. */
export function logInfo(text: string): void {
  core.info(logText(text));
}

/**
 * The message or a property of a workflow command (warning, error, notice, debug, setFailed): the toolkit escapes
 * its line breaks; control characters are shown and the old `##[` syntax is neutral there too.
 */
export function commandText(text: string): string {
  return logText(text);
}
