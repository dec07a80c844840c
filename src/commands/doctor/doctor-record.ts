/**
 * `doctor --fix` keeps the install record `install` and `verify` keep (stages/install/install-records.ts), so the `verify`
 * after it installs nothing: what it reinstalled is recorded with its build files' fingerprint, and so is every
 * editable it found intact whose directory Amplifier's own install state (`<home>/cache/install-state.json`, for
 * this interpreter) records with the fingerprint the directory has now: Amplifier installed it from exactly these
 * build files, which is what the record vouches for.
 */

import type { FileSystem, Logger } from '../../ports.js';
import type { TargetEnvironment } from '../../python/target.js';
import { installStatePath, readInstallState } from '../../stages/audit/amplifier-install-state.js';
import { fingerprintOf } from '../../stages/install/fingerprint.js';
import { loadInstallState, recordInstall, saveInstallState } from '../../stages/install/install-records.js';

/** Amplifier's fingerprints by directory, when its install state is about this environment's interpreter. */
async function amplifierFingerprints(
  fs: FileSystem,
  home: string,
  environment: TargetEnvironment,
): Promise<Map<string, string>> {
  const read = await readInstallState(fs, installStatePath(home));
  if (read.kind !== 'state') return new Map();
  const python = read.state.python;
  if (python === null || (python !== environment.python && python !== environment.executable)) return new Map();
  const out = new Map<string, string>();
  for (const entry of read.state.entries) if (entry.fingerprint) out.set(entry.dir, entry.fingerprint);
  return out;
}

export async function recordDoctorInstalls(
  ports: { readonly fs: FileSystem; readonly logger: Logger },
  home: string,
  environment: TargetEnvironment,
  /** Directories this run reinstalled. */
  installed: readonly string[],
  /** Directories of editables audited ok that this run left alone. */
  intact: readonly string[],
): Promise<void> {
  const { fs } = ports;
  const record = await loadInstallState(fs, home, environment);
  let changed = record.lost !== null;
  for (const path of installed) {
    recordInstall(record, path, await fingerprintOf(fs, path));
    changed = true;
  }
  const amplifier = await amplifierFingerprints(fs, home, environment);
  for (const path of intact) {
    if (record.modules.has(path) || installed.includes(path)) continue;
    const fingerprint = await fingerprintOf(fs, path);
    if (!fingerprint.ok || amplifier.get(path) !== fingerprint.value.combined) continue;
    recordInstall(record, path, fingerprint);
    changed = true;
  }
  if (!changed) return;
  // As in the install stage: a record that cannot be written costs a reinstall next time, never a wrong answer now.
  await saveInstallState(fs, record).catch((error: unknown) =>
    ports.logger.warn(`could not write the install record ${record.file}: ${String(error)}; the next run reinstalls`),
  );
}
