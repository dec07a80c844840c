/**
 * Reading a small JSON file written by another tool (pip's direct_url.json, Amplifier's cache metadata and install
 * state, our own registry): its top-level object, or null when the text is not JSON or not an object. A truncated or
 * hand-edited file is then simply "not there" to the caller, never an exception.
 */
export function parseJsonObject(text: string): Readonly<Record<string, unknown>> | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
}
