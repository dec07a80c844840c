/**
 * The first meaningful error of a failed editable build, read from pip's or uv's output. Both end with generic
 * lines (`error: metadata-generation-failed`, `hint: See above for details.`) that name nothing; the cause is the
 * exception the build backend raised (the last one of its traceback, which is the one that propagated), or the
 * error pip printed while installing the build requirements, or the build's own last words.
 * Also says when the cause lies outside the project (the backend or a build requirement is missing), because then
 * every other project built the same way fails the same way and need not be tried one by one.
 */
import { isAbsolute } from 'node:path';
import { isWithin } from '../../source/path-within.js';

/** What a cause depends on besides the project, when it is not the project's own code. */
export type SharedCause =
  | { readonly kind: 'backend-unavailable' }
  | { readonly kind: 'build-requirement-missing'; readonly requirement: string }
  | { readonly kind: 'build-module-missing'; readonly module: string };

export interface RootCause {
  /** One line naming what went wrong. */
  readonly summary: string;
  /** The few lines of output around it (the end of the build's own output), for the details. */
  readonly excerpt: string;
  readonly shared: SharedCause | null;
}

// `ModuleNotFoundError: No module named 'x'`, `pip._vendor.tomli.TOMLDecodeError: ...`, `SystemExit: ...`
const EXCEPTION_LINE = /^\s*(?:[A-Za-z_]\w*\.)*([A-Z][A-Za-z0-9]*(?:Error|Exception|Unavailable|Exit)): ?(.*)$/;
const BLOCK_START = /^\s*(?:╰─>|\[stderr\]|\[stdout\])/;
const BLOCK_END = /^\s*\[end of output\]\s*$/;
const PIP_ERROR = /^\s*ERROR: (?!Exception:$)(.+)$/;
const MISSING_REQUIREMENT = /Could not find a version that satisfies the requirement ([A-Za-z0-9][A-Za-z0-9._-]*)/;
const UV_MISSING_REQUIREMENT =
  /Because ([A-Za-z0-9][A-Za-z0-9._-]*) was not found in the (?:package registry|provided package locations)/;
const MISSING_MODULE = /^No module named '([^']+)'/;
const FRAME_FILE = /^\s*File "([^"]+)", line \d+/;
// Lines that only say that something failed, never what.
const GENERIC =
  /^\s*(?:error: subprocess-exited-with-error|error: metadata-generation-failed|[×╰│├].*|note: .*|hint: .*|exit code: \d+|\[end of output\]|\[\d+ lines of output\].*|ERROR: Exception:)\s*$/;

interface Block {
  readonly lines: readonly string[];
}

/** The captured outputs of build subprocesses (pip's `╰─> [N lines of output]`, uv's `[stderr]` sections). */
function capturedBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (BLOCK_START.test(line)) {
      if (current) blocks.push({ lines: current });
      current = [];
      continue;
    }
    if (!current) continue;
    if (BLOCK_END.test(line) || /^\s*hint: /.test(line)) {
      blocks.push({ lines: current });
      current = null;
      continue;
    }
    current.push(line);
  }
  if (current) blocks.push({ lines: current });
  return blocks.filter((block) => block.lines.some((line) => line.trim() !== ''));
}

function lastException(lines: readonly string[]): { name: string; message: string; at: number } | null {
  for (let at = lines.length - 1; at >= 0; at--) {
    const match = EXCEPTION_LINE.exec(lines[at] ?? '');
    // A wrapper whose message is the inner traceback's header names nothing by itself.
    if (match && !/^Traceback \(most recent call last\)/.test(match[2] ?? ''))
      return { name: match[1] ?? '', message: (match[2] ?? '').trim(), at };
  }
  return null;
}

/** True when a traceback frame lies in the project (its setup.py, `<string>` for an exec'd setup.py, its files). */
function tracebackTouchesProject(lines: readonly string[], projectDir: string): boolean {
  return lines.some((line) => {
    const file = FRAME_FILE.exec(line)?.[1];
    if (file === undefined || /^<frozen /.test(file)) return false;
    return !isAbsolute(file) || isWithin(file, projectDir);
  });
}

/** Up to `count` lines of output ending at `end` (the cause), without Python's `^^^^` underline lines. */
function excerptOf(lines: readonly string[], end: number, count = 6): string {
  return lines
    .slice(0, end + 1)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^[\^~]+$/.test(line))
    .slice(-count)
    .join('\n');
}

function describeException(name: string, message: string, backendUnavailable: boolean): string {
  if (name === 'TOMLDecodeError') return `pyproject.toml is not valid TOML: ${message}`;
  if (name === 'SystemExit') return `the build stopped: ${message}`;
  const text = `${name}: ${message}`;
  return backendUnavailable ? `the build backend cannot be imported: ${text}` : text;
}

/** The root cause of a failed install of `projectDir`, from the installer's whole output. */
export function rootCause(output: string, projectDir: string): RootCause {
  const lines = output.split(/\r?\n/).map((line) => line.trimEnd());
  const backendUnavailable = lines.some((line) => /BackendUnavailable\b/.test(line));

  const requirementLine = lines.find((line) => MISSING_REQUIREMENT.test(line) || UV_MISSING_REQUIREMENT.test(line));
  if (requirementLine) {
    const requirement =
      MISSING_REQUIREMENT.exec(requirementLine)?.[1] ?? UV_MISSING_REQUIREMENT.exec(requirementLine)?.[1] ?? '';
    return {
      summary: `a build requirement cannot be installed: ${requirementLine.trim().replace(/^ERROR: /, '')}`,
      excerpt: requirementLine.trim(),
      shared: { kind: 'build-requirement-missing', requirement },
    };
  }

  for (const block of capturedBlocks(lines)) {
    const exception = lastException(block.lines);
    if (exception) {
      const module = MISSING_MODULE.exec(exception.message)?.[1];
      const shared: SharedCause | null = backendUnavailable
        ? { kind: 'backend-unavailable' }
        : module && !tracebackTouchesProject(block.lines, projectDir)
          ? { kind: 'build-module-missing', module }
          : null;
      return {
        summary: describeException(exception.name, exception.message, backendUnavailable),
        excerpt: excerptOf(block.lines, exception.at),
        shared,
      };
    }
    const pipError = block.lines.find((line) => PIP_ERROR.test(line));
    const meaningful = block.lines.filter((line) => line.trim() !== '' && !GENERIC.test(line));
    const last = pipError ?? meaningful[meaningful.length - 1];
    if (last !== undefined) {
      return {
        summary: last.trim().replace(/^ERROR: /, ''),
        excerpt: excerptOf(meaningful, meaningful.length - 1),
        shared: null,
      };
    }
  }

  // pip's own exception (e.g. a pyproject.toml it cannot parse, a backend it cannot import) is printed unwrapped.
  const exception = lastException(lines);
  if (exception) {
    return {
      summary: describeException(exception.name, exception.message, backendUnavailable),
      excerpt: excerptOf(lines, exception.at),
      shared: backendUnavailable ? { kind: 'backend-unavailable' } : null,
    };
  }
  const errorLine = lines.find((line) => (PIP_ERROR.test(line) || /^\s*error: /.test(line)) && !GENERIC.test(line));
  const meaningful = lines.filter((line) => line.trim() !== '' && !GENERIC.test(line));
  const last = errorLine ?? meaningful[meaningful.length - 1] ?? 'the installer failed without saying why';
  return {
    summary: last.trim().replace(/^(?:ERROR|error): /, ''),
    excerpt: excerptOf(meaningful, meaningful.length - 1),
    shared: null,
  };
}
