/**
 * What this tool installed into one Python environment, and from which build metadata: the record that lets
 * `install` and `verify` skip a module whose editable install is intact and whose metadata has not changed.
 *
 * It lives under the Amplifier home (like Amplifier's own `install-state.json`), one file per interpreter that really
 * runs (`sys.executable`, as Amplifier records it: a shim and the venv interpreter it starts share one), so
 * environments never share entries and a read-only environment prefix still gets one. The environment's identity
 * (the interpreter link's own mtime, as Amplifier checks with lstat, and pyvenv.cfg's) is kept with it: an
 * environment rebuilt under the same path drops every entry, so everything is reinstalled. The file is replaced
 * atomically (write a temporary file, then rename); a file that cannot be parsed counts as no record at all.
 */
import { createHash, randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { parseJsonObject } from '../../json-object.js';
import type { FileSystem } from '../../ports.js';
import type { PythonEnvironment } from '../../python/locate.js';
import type { Fingerprint } from './fingerprint.js';

const VERSION = 1;

export interface InstallRecord {
  /** Amplifier's fingerprint of the build files. */
  readonly pyproject_hash: string;
  readonly files: Readonly<Record<string, string>>;
}

interface EnvironmentIdentity {
  readonly python: string;
  readonly pythonMtimeMs: number | null;
  readonly pyvenvMtimeMs: number | null;
}

interface StateFile extends EnvironmentIdentity {
  readonly version: number;
  readonly modules: Record<string, InstallRecord>;
}

/** Why the records of a previous run are not used at all. */
export type StateLoss = 'none-yet' | 'unreadable' | 'environment-rebuilt';

export interface InstallState {
  readonly file: string;
  /** null: the previous records are in effect. */
  readonly lost: StateLoss | null;
  readonly identity: EnvironmentIdentity;
  readonly modules: Map<string, InstallRecord>;
}

export function installStateFile(home: string, python: string): string {
  const key = createHash('sha256').update(python, 'utf8').digest('hex').slice(0, 16);
  return join(home, 'amplifier-modules', 'install-state', `${key}.json`);
}

/** The environment as the record knows it: `executable` is the interpreter that really runs, when it is known. */
export type RecordedEnvironment = PythonEnvironment & { readonly executable?: string | null };

function interpreterOf(environment: RecordedEnvironment): string {
  return environment.executable ?? environment.python;
}

async function identityOf(fs: FileSystem, environment: RecordedEnvironment): Promise<EnvironmentIdentity> {
  const interpreter = interpreterOf(environment);
  const python = await fs.lstat(interpreter);
  const pyvenv = await fs.stat(join(environment.prefix, 'pyvenv.cfg'));
  return {
    python: interpreter,
    pythonMtimeMs: python ? Math.trunc(python.mtimeMs) : null,
    pyvenvMtimeMs: pyvenv ? Math.trunc(pyvenv.mtimeMs) : null,
  };
}

function isRecord(value: unknown): value is InstallRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { pyproject_hash: hash, files } = value as Partial<InstallRecord>;
  return (
    typeof hash === 'string' &&
    typeof files === 'object' &&
    files !== null &&
    Object.values(files).every((v) => typeof v === 'string')
  );
}

function parseState(text: string): StateFile | null {
  const state = parseJsonObject(text) as Partial<StateFile> | null;
  if (!state) return null;
  if (state.version !== VERSION || typeof state.modules !== 'object' || state.modules === null) return null;
  return state as StateFile;
}

function sameEnvironment(a: EnvironmentIdentity, b: EnvironmentIdentity): boolean {
  return (
    a.python === b.python &&
    a.pythonMtimeMs !== null &&
    a.pythonMtimeMs === b.pythonMtimeMs &&
    a.pyvenvMtimeMs === b.pyvenvMtimeMs
  );
}

export async function loadInstallState(
  fs: FileSystem,
  home: string,
  environment: RecordedEnvironment,
): Promise<InstallState> {
  const file = installStateFile(home, interpreterOf(environment));
  const identity = await identityOf(fs, environment);
  const empty = (lost: StateLoss): InstallState => ({ file, lost, identity, modules: new Map() });
  let text: string;
  try {
    if (!(await fs.stat(file))?.isFile) return empty('none-yet');
    text = (await fs.readFile(file)).toString('utf8');
  } catch {
    return empty('unreadable');
  }
  const parsed = parseState(text);
  if (!parsed) return empty('unreadable');
  if (!sameEnvironment(parsed, identity)) return empty('environment-rebuilt');
  const modules = new Map<string, InstallRecord>();
  for (const [path, record] of Object.entries(parsed.modules)) if (isRecord(record)) modules.set(path, record);
  return { file, lost: null, identity, modules };
}

export function recordInstall(state: InstallState, path: string, fingerprint: Fingerprint): void {
  if (fingerprint.ok)
    state.modules.set(path, { pyproject_hash: fingerprint.value.combined, files: fingerprint.value.files });
  else state.modules.delete(path);
}

/** Writes the whole state next to its final name, then renames it over: a reader never sees half a file. */
export async function saveInstallState(fs: FileSystem, state: InstallState): Promise<void> {
  const body: StateFile = { version: VERSION, ...state.identity, modules: Object.fromEntries(state.modules) };
  await fs.mkdir(dirname(state.file));
  const temporary = `${state.file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`);
    await fs.rename(temporary, state.file);
  } catch (error) {
    await fs.rm(temporary).catch(() => undefined);
    throw error;
  }
}
