/**
 * The library: the same flow the CLI and the action run, and its stages for callers that want only one.
 * `runCommand('verify', { profiles: [...] })` runs a command with the real ports and the defaults; `nodePorts()` and
 * `pipelineOptions()` give those pieces separately. Every stage takes its I/O through the ports (src/ports.ts).
 */

export { auditModules, type ModuleAudit } from './audit/audit-modules.js';
export { cacheKey, cacheRestoreKey } from './cache/cache-key.js';
export { type CacheStore, noCacheStore } from './cache/cache-store.js';
export { prune } from './commands/prune-clones.js';
export { runDoctor } from './commands/run-doctor.js';
export { detectActiveDeclarations } from './declare/detect.js';
// Stages.
export { type DeclareContext, loadDeclarations } from './declare/load-declarations.js';
export type { Diagnostic, Validated } from './diagnostics.js';
export { choosePython } from './environment/choose-python.js';
export { listDistributionNames } from './environment/dist-names.js';
export { locateEnvironment, type PythonEnvironment } from './environment/locate.js';
export { locateTarget, type TargetEnvironment } from './environment/target.js';
export {
  formatInputError,
  InputError,
  type InputErrorCode,
  isInputError,
  type RuntimeErrorCode,
  RuntimeFailure,
} from './errors.js';
export { installModules } from './install/install-modules.js';
export { type CommandOptions, nodePorts, pipelineOptions, runCommand } from './library/defaults.js';
export type * from './model.js';
export { LAYER_ORDER, MODULE_KINDS } from './model.js';
export { COMMANDS, type CommandName, defaultOptionValues, type OptionValues } from './options/option-table.js';
// The whole flow, one call per command.
export { type PipelineResult, runPipeline } from './pipeline.js';
export type { CachePlan, PipelineOptions, PipelinePorts, Platform } from './pipeline-options.js';
export { nodeExec } from './ports/node-exec.js';
export { nodeFileSystem } from './ports/node-fs.js';
export { createStreamLogger, silentLogger } from './ports/stream-logger.js';
export type { Clock, Env, Exec, ExecOptions, ExecResult, FileStat, FileSystem, Logger } from './ports.js';
export { renderJobSummary } from './report/markdown.js';
export type { Report, ReportModule, ReportSource } from './report/report.js';
export { renderText } from './report/text.js';
export { suggestFix } from './resolve/fix.js';
export { type ResolveContext, resolveAll, resolveModule } from './resolve/resolver.js';
export { loadSettings, type Settings } from './resolve/settings.js';
export { Redactor } from './secrets.js';
export {
  layoutAKey,
  layoutAPath,
  layoutARepoDir,
  parseLayoutADirName,
} from './source/cache-layout.js';
export { isCommitSha, parseGitUri } from './source/git-uri.js';
export { parseSource } from './source/parse-source.js';
export { VERSION } from './version.js';
