/**
 * The Python session of a test venv, located as a run locates `--python`: the real interpreter is asked where it
 * lives (one process), and every question the code under test asks it goes through the session.
 */

import { nodeExec } from '../../src/ports/node-exec.js';
import { nodeFileSystem } from '../../src/ports/node-fs.js';
import { type PythonSession, pythonSession } from '../../src/python/python-session.js';
import { locateTarget } from '../../src/python/target.js';

export async function sessionOf(python: string, workspace = process.cwd()): Promise<PythonSession> {
  const ports = { fs: nodeFileSystem, exec: nodeExec, env: process.env };
  const environment = await locateTarget({ explicit: python, workspace, purpose: 'run' }, ports);
  return pythonSession(environment, ports, workspace);
}
