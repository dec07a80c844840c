/**
 * What doctor audits against, and why it chose it. With -p, those files (composed as a session with --session).
 * Without, what Amplifier loads on this machine: the active bundle (`bundle.active` in settings, else the workspace's
 * `.amplifier/`) composed as the Amplifier CLI composes a session (its behaviors, `bundle.app`, and the providers
 * of `config.providers`), as `verify --session` composes it. With nothing declared, every editable is audited alone.
 */

import type { PipelineOptions, PipelinePorts } from '../../pipeline-options.js';
import type { PythonSession } from '../../python/python-session.js';
import type { ReportDeclarations } from '../../report/report.js';
import { optionalDeclarations } from '../shared-stages/declared-paths.js';
import type { LoadedAndResolved } from '../shared-stages/load-and-resolve.js';

export interface DoctorDeclarations {
  readonly loaded: LoadedAndResolved | null;
  readonly chosen: ReportDeclarations;
}

function where(setting: { readonly file: string; readonly line: number }): string {
  return `${setting.file}:${setting.line}`;
}

function why(options: PipelineOptions, loaded: LoadedAndResolved): string {
  const composed = loaded.session
    ? ', composed as the Amplifier CLI composes a session (its behaviors, bundle.app and config.providers from settings)'
    : '';
  if (options.profiles.length > 0) return `given with -p${options.session ? ' and --session' : ''}${composed}`;
  const { activeBundle, activeProfile } = loaded.settings;
  if (activeBundle)
    return `the active bundle '${activeBundle.value}' (bundle.active, ${where(activeBundle)})${composed}`;
  if (activeProfile) return `the active profile '${activeProfile.value}' (profile.active, ${where(activeProfile)})`;
  return `found in ${options.workspace}/.amplifier (nothing active in settings)${composed}`;
}

export async function doctorDeclarations(
  options: PipelineOptions,
  ports: PipelinePorts,
  session: PythonSession,
): Promise<DoctorDeclarations> {
  let none = `no bundle.active in settings and no .amplifier/ in ${options.workspace}`;
  const loaded = await optionalDeclarations(options, ports, session, undefined, true, (why) => {
    none = why;
  });
  if (loaded)
    return { loaded, chosen: { files: [...loaded.files], session: loaded.session, reason: why(options, loaded) } };
  // Nothing declared, or the active bundle Amplifier would load cannot be read (not in the module cache yet): say so.
  return {
    loaded: null,
    chosen: {
      files: [],
      session: false,
      reason: `none: ${none}; every editable is audited on its own (give -p FILE, or warm the active bundle, to audit against declarations)`,
    },
  };
}
