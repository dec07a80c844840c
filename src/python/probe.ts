/**
 * The import system's own answer, from ONE `python -I` process per environment: `-I` so the working directory
 * cannot shadow a module, never `-S` because site processing is what makes editable installs importable.
 * The module list goes in on stdin, the script as `-c` code, the answer comes back as JSON after a marker line
 * (imported modules may print to stdout).
 */

import { RuntimeFailure } from '../errors.js';
import { CLI_WORDING, type Wording } from '../options/option-wording.js';
import type { ExecResult } from '../ports.js';
import type { PythonSession } from './python-session.js';

export interface ProbeRequest {
  /** Dotted module name, e.g. `amplifier_module_tool_bash`. */
  readonly module: string;
  /** The entry point's attribute, checked only when importing. */
  readonly attr: string | null;
}

export interface ProbeLocation {
  readonly path: string;
  readonly exists: boolean;
}

export interface ProbeResult {
  readonly module: string;
  readonly found: boolean;
  readonly origin: string | null;
  /** False when the spec names an origin file that is gone (the editables hook does not check). */
  readonly originExists: boolean | null;
  readonly locations: readonly ProbeLocation[];
  /** `find_spec` itself raised (a parent package failed to import). */
  readonly specError: string | null;
  /** Set only with the import check: the exception text, or null when the import worked. */
  readonly importError: string | null;
  /** Set only with the import check: whether the entry point's attribute exists. */
  readonly attrFound: boolean | null;
}

export interface ProbeAnswer {
  readonly executable: string;
  readonly version: string;
  /** Site directories on `sys.path` as Python sees them (catches layouts the file scan did not guess). */
  readonly sitePackages: readonly string[];
  readonly results: readonly ProbeResult[];
}

export const PROBE_MARKER = '@@amplifier-modules-probe@@';

export const PROBE_SCRIPT = `
import importlib, importlib.util, json, os, sys
real_stdout = sys.stdout
sys.stdout = sys.stderr
request = json.loads(sys.stdin.read())
def describe(error):
    # Imported only when something failed: traceback's imports cost every run about 2 ms.
    import traceback
    return ''.join(traceback.format_exception_only(type(error), error)).strip()
results = []
for item in request['modules']:
    name = item['module']
    entry = {'module': name, 'found': False, 'origin': None, 'originExists': None, 'locations': [],
             'specError': None, 'importError': None, 'attrFound': None}
    try:
        spec = importlib.util.find_spec(name)
    except BaseException as error:
        spec = None
        entry['specError'] = describe(error)
    if spec is not None:
        entry['found'] = True
        origin = spec.origin if spec.has_location else None
        entry['origin'] = origin
        entry['originExists'] = os.path.exists(origin) if origin else None
        entry['locations'] = [{'path': p, 'exists': os.path.isdir(p)} for p in (spec.submodule_search_locations or [])]
    if request['importCheck'] and entry['specError'] is None:
        try:
            module = importlib.import_module(name)
            if item['attr']:
                target = module
                for part in item['attr'].split('.'):
                    target = getattr(target, part, None)
                    if target is None:
                        break
                entry['attrFound'] = target is not None
        except BaseException as error:
            entry['importError'] = describe(error)
    results.append(entry)
site_dirs = [p for p in sys.path if os.path.basename(p) in ('site-packages', 'dist-packages')]
real_stdout.write('${PROBE_MARKER}\\n' + json.dumps({'executable': sys.executable, 'version': sys.version.split()[0],
    'sitePackages': site_dirs, 'results': results}) + '\\n')
real_stdout.flush()
`;

export function parseProbeOutput(stdout: string): ProbeAnswer | null {
  const at = stdout.lastIndexOf(PROBE_MARKER);
  if (at < 0) return null;
  const json = stdout.slice(at + PROBE_MARKER.length).trim();
  try {
    return JSON.parse(json) as ProbeAnswer;
  } catch {
    return null;
  }
}

/**
 * One process for every module asked about; `importCheck` also imports each (and checks its attribute). `modules` may
 * be a promise: the interpreter starts at once (its start-up runs every editable finder's `.pth`) and reads the list
 * when it is known.
 */
export async function runProbe(
  session: PythonSession,
  modules: readonly ProbeRequest[] | Promise<readonly ProbeRequest[]>,
  importCheck: boolean,
): Promise<ProbeAnswer> {
  // -B: importing a module (import-check) must not write __pycache__ into its clone, which would then differ from
  // its commit and never be saved to the CI cache.
  const result = await session.run(['-I', '-B', '-c', PROBE_SCRIPT], {
    input: Promise.resolve(modules).then((list) => probeInput(list, importCheck)),
    timeoutMs: importCheck ? 300_000 : 60_000,
  });
  return probeAnswerIn(result, session.environment.python);
}

/** What the probe script reads on stdin. */
export function probeInput(modules: readonly ProbeRequest[], importCheck: boolean): string {
  return JSON.stringify({ modules, importCheck });
}

/** The probe's answer in a finished process's output; a process that could not answer is a runtime failure. */
export function probeAnswerIn(result: ExecResult, python: string, w: Wording = CLI_WORDING): ProbeAnswer {
  if (result.spawnError) {
    throw new RuntimeFailure(
      'python-failed',
      `cannot start ${python}: ${result.spawnError}`,
      undefined,
      `${w.give('python', 'PATH')} of a working interpreter (check it runs: PYTHON -c "import sys")`,
    );
  }
  const answer = parseProbeOutput(result.stdout);
  if (!answer) {
    const tail = result.stderr.trim().split('\n').slice(-10).join('\n');
    throw new RuntimeFailure(
      'python-failed',
      `${python} did not answer the import probe (exit ${result.code ?? result.signal}); it is not a working Python interpreter`,
      tail || `stdout: ${result.stdout.trim().split('\n').slice(0, 5).join('\n')}`,
      `check that ${python} -I -c "import sys; print(sys.version)" works, or ${w.give('python', 'PATH')} of another interpreter`,
    );
  }
  return answer;
}
