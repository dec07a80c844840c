/**
 * The small I/O ports the core takes as arguments. Real implementations live in `src/ports/`;
 * the CLI and the action build them once and pass them in.
 */

/** Environment variables, passed in rather than read from `process.env` deep in the code. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Something the user should see that is not a problem with their input (a workflow notice); optional. */
  notice?(message: string): void;
}

export interface ExecOptions {
  readonly cwd?: string | undefined;
  /** The full environment of the child; when omitted the parent's is inherited. */
  readonly env?: Env | undefined;
  readonly timeoutMs?: number | undefined;
  /**
   * Written to the child's stdin, which is then closed. A promise: the child starts at once and reads its input when
   * the promise settles (empty if it rejects), so its start-up overlaps the work that makes the input.
   */
  readonly input?: string | Promise<string> | undefined;
  /** Abort the child (SIGTERM, then SIGKILL) when this fires. */
  readonly signal?: AbortSignal | undefined;
  /** Called with each chunk of output as it arrives (the output is still captured in the result). */
  readonly onOutput?: ((text: string) => void) | undefined;
}

export interface ExecResult {
  /** Exit code, or null when the child was killed by a signal or could not start. */
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  readonly spawnError: string | null;
}

/** Runs a program with an argument array, never through a shell. */
export interface Exec {
  run(command: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult>;
}

export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly isSymbolicLink: boolean;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface FileSystem {
  /** A regular file's bytes; a FIFO, socket or device is refused without blocking. */
  readFile(path: string): Promise<Buffer>;
  /** null when the path does not exist (follows symlinks). */
  stat(path: string): Promise<FileStat | null>;
  /** null when the path does not exist (does not follow symlinks). */
  lstat(path: string): Promise<FileStat | null>;
  /** Entry names, or null when the directory does not exist or is not a directory. */
  readdir(path: string): Promise<string[] | null>;
  /** The canonical path, or null when it does not exist. */
  realpath(path: string): Promise<string | null>;
  mkdir(path: string): Promise<void>;
  /**
   * Creates exactly one new temporary directory at `path`, with the mode the umask gives (mkdtemp always makes
   * 0700), removed like mkdtemp's when the run is interrupted; throws EEXIST when the path exists.
   */
  mkdirTemp(path: string): Promise<void>;
  /** Replaces `path` (temporary file + rename): never writes through a symlink or into a FIFO. */
  writeFile(path: string, data: string | Buffer): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string): Promise<void>;
  mkdtemp(prefix: string): Promise<string>;
}

export interface Clock {
  now(): number;
}
