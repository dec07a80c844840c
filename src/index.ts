/**
 * The library: one function per command (`verify(options)`, `resolve(options)`, ...), each with its own option type,
 * the report they return and its renderings, and the typed errors they throw. Everything else is internal.
 * See README, "Library API".
 */

export type { Diagnostic } from './diagnostics.js';
export {
  formatInputError,
  formatRuntimeFailure,
  InputError,
  type InputErrorCode,
  isInputError,
  isRuntimeFailure,
  type RuntimeErrorCode,
  RuntimeFailure,
} from './errors.js';
export {
  doctor,
  install,
  lock,
  prune,
  renderJobSummary,
  renderText,
  resolve,
  runCommand,
  verify,
  warm,
} from './library/api.js';
export type {
  CommandOptionsMap,
  DoctorOptions,
  InstallOptions,
  LibraryOptionValues,
  LockOptions,
  PruneOptions,
  ResolveOptions,
  RunContext,
  VerifyOptions,
  WarmOptions,
} from './library/library-options.js';
export type * from './model.js';
export { COMMANDS } from './model.js';
export type * from './report/report.js';
export { VERSION } from './version.js';
