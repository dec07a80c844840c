/**
 * Reads one installed distribution's metadata directory (`*.dist-info`, docs/formats.md) in TypeScript: the name and
 * version, where an editable install came from (`direct_url.json`), which files it owns (`RECORD`), which
 * Amplifier modules it provides (`entry_points.txt`, group `amplifier.modules`) and which tool installed it.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJsonObject } from '../../json-object.js';
import type { FileSystem } from '../../ports.js';
import { normalizeDistName } from '../../python/dist-names.js';

export const AMPLIFIER_ENTRY_POINT_GROUP = 'amplifier.modules';

export interface EntryPoint {
  readonly name: string;
  /** As written: `package.module:attr`. */
  readonly value: string;
  /** The dotted module part. */
  readonly module: string;
  /** The attribute part, or null when the entry point names a module only. */
  readonly attr: string | null;
}

export interface DirectUrl {
  /** The URL as recorded (`file:///proj`). */
  readonly url: string;
  /** The local directory for `file:` URLs, else null. */
  readonly path: string | null;
  readonly editable: boolean;
}

export interface DistInfo {
  /** The metadata directory (`.../site-packages/name-1.0.dist-info`, or a project's `name.egg-info`). */
  readonly dir: string;
  /** The site directory the distribution is installed in. */
  readonly sitePackages: string;
  readonly name: string;
  /** PEP 503-normalised name. */
  readonly key: string;
  readonly version: string | null;
  /** `pip`, `uv`, ... from `INSTALLER`, or null. */
  readonly installer: string | null;
  readonly directUrl: DirectUrl | null;
  /**
   * Absolute paths of the `.pth` files `RECORD` lists: what tells which distribution owns a `.pth` file. Only those
   * rows are resolved; pip's own RECORD alone lists about a thousand files.
   */
  readonly recordedPthFiles: readonly string[];
  /** Entry points of the `amplifier.modules` group. */
  readonly amplifierEntryPoints: readonly EntryPoint[];
}

async function readText(fs: FileSystem, path: string): Promise<string | null> {
  const stat = await fs.stat(path);
  if (!stat?.isFile) return null;
  return (await fs.readFile(path)).toString('utf8');
}

/** The first header block of METADATA / PKG-INFO (RFC 822 style). */
export function parseMetadataHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0 || /^\s/.test(line)) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(key)) headers.set(key, line.slice(colon + 1).trim());
  }
  return headers;
}

/** INI-style `entry_points.txt`: the entries of one group. */
export function parseEntryPoints(text: string, group: string): EntryPoint[] {
  const out: EntryPoint[] = [];
  let current: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section?.[1] !== undefined) {
      current = section[1].trim();
      continue;
    }
    if (current !== group) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const name = line.slice(0, eq).trim();
    // `module:attr [extra1, extra2]`: extras do not change what is imported.
    const value = line
      .slice(eq + 1)
      .replace(/\[.*\]\s*$/, '')
      .trim();
    const colon = value.indexOf(':');
    out.push({
      name,
      value,
      module: (colon >= 0 ? value.slice(0, colon) : value).trim(),
      attr: colon >= 0 ? value.slice(colon + 1).trim() || null : null,
    });
  }
  return out;
}

/** The first CSV field of each RECORD row (paths with commas are quoted). */
export function parseRecordPaths(text: string): string[] {
  const paths: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if (line.startsWith('"')) {
      let value = '';
      let i = 1;
      while (i < line.length) {
        const ch = line[i];
        if (ch === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (ch === '"') break;
        else {
          value += ch;
          i += 1;
        }
      }
      paths.push(value);
    } else {
      const comma = line.indexOf(',');
      paths.push(comma >= 0 ? line.slice(0, comma) : line);
    }
  }
  return paths;
}

export function parseDirectUrl(text: string): DirectUrl | null {
  const record = parseJsonObject(text) as { url?: unknown; dir_info?: { editable?: unknown } } | null;
  if (!record) return null;
  if (typeof record.url !== 'string') return null;
  let path: string | null = null;
  if (record.url.startsWith('file:')) {
    try {
      path = fileURLToPath(record.url);
    } catch {
      path = null;
    }
  }
  return { url: record.url, path, editable: record.dir_info?.editable === true };
}

/** `name-1.0.dist-info` -> `name`, the fallback when METADATA is unreadable. */
function nameFromDirName(dirName: string): string {
  return dirName.replace(/\.(dist|egg)-info$/, '').replace(/-[^-]*$/, '');
}

export async function readDistInfo(fs: FileSystem, sitePackages: string, dirName: string): Promise<DistInfo> {
  const dir = join(sitePackages, dirName);
  const [metadata, directUrl, record, entryPoints, installer] = await Promise.all([
    readText(fs, join(dir, 'METADATA')).then(async (t) => t ?? readText(fs, join(dir, 'PKG-INFO'))),
    readText(fs, join(dir, 'direct_url.json')),
    readText(fs, join(dir, 'RECORD')),
    readText(fs, join(dir, 'entry_points.txt')),
    readText(fs, join(dir, 'INSTALLER')),
  ]);
  const headers = metadata ? parseMetadataHeaders(metadata) : new Map<string, string>();
  const name = headers.get('name') ?? nameFromDirName(dirName);
  return {
    dir,
    sitePackages,
    name,
    key: normalizeDistName(name),
    version: headers.get('version') ?? null,
    installer: installer?.trim() || null,
    directUrl: directUrl ? parseDirectUrl(directUrl) : null,
    recordedPthFiles: record
      ? parseRecordPaths(record)
          .filter((path) => path.endsWith('.pth'))
          .map((path) => resolve(sitePackages, path))
      : [],
    amplifierEntryPoints: entryPoints ? parseEntryPoints(entryPoints, AMPLIFIER_ENTRY_POINT_GROUP) : [],
  };
}
