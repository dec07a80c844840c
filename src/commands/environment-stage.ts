/** How each command runs the environment stage: which purpose, and whether a missing interpreter stops the run. */
import { locateTarget, locateTargetIfAny, type TargetEnvironment } from '../environment/target.js';
import type { PipelineOptions, PipelinePorts } from '../pipeline-options.js';

export type EnvironmentNeed = 'required' | 'if-any';

/**
 * install and verify need an interpreter; resolve and warm use the default one when there is one. An interpreter the
 * user named (`--python`) must exist whatever the command.
 */
export function environmentStage(
  options: Pick<PipelineOptions, 'python' | 'workspace'>,
  ports: PipelinePorts,
  need: EnvironmentNeed,
  onChosen?: (python: string) => void,
): () => Promise<TargetEnvironment | null> {
  const request = { explicit: options.python, workspace: options.workspace, purpose: 'run' as const, onChosen };
  if (need === 'if-any' && options.python === null) return () => locateTargetIfAny({ ...request, ask: false }, ports);
  return () => locateTarget(request, ports);
}
