/**
 * GitHub shows at most 10 error annotations per step, and the step's own failure message is one of them. So the
 * first failures keep their annotation at the declaring line, and one more annotation names the rest (all of them
 * are in the job summary, which has no such limit).
 */
import type { Annotation } from '../report/annotations.js';

/** Error annotations GitHub displays for one step. */
export const STEP_ANNOTATION_LIMIT = 10;

/**
 * At most `limit - 1` annotations (one slot stays for the failure message): when there are more, the first
 * `limit - 2` as they are and one summarising the others.
 */
export function capAnnotations(annotations: readonly Annotation[], limit = STEP_ANNOTATION_LIMIT): Annotation[] {
  const room = limit - 1;
  if (annotations.length <= room) return [...annotations];
  const shown = annotations.slice(0, room - 1);
  const rest = annotations.slice(room - 1);
  const names = rest.map((annotation) => annotation.title.replace(/^amplifier-modules: /, ''));
  return [
    ...shown,
    {
      title: `amplifier-modules: ${rest.length} more failed modules`,
      message: `${rest.length} more modules failed (GitHub shows ${limit} annotations per step; every failure, with its fix, is in the job summary): ${names.join(', ')}`,
      file: null,
      line: null,
    },
  ];
}
