/**
 * The one way this orchestrator starts a process: Compose (compose/compose.ts runs
 * `docker compose` through it), the doctor's checks, image builds, `docker events`.
 * Checks take an `Exec` parameter so tests pass a fake. One result shape, `ExecResult`;
 * it never throws: the caller turns a non-zero `code` into its own error with the
 * stderr and a fix (compose.ts's ComposeError, the doctor's check results).
 *
 * No shell: the program is started directly with an argument array. zx's `$` needs
 * `bash` on PATH, which PowerShell and cmd on Windows usually lack; there every
 * command failed to start and the doctor blamed a missing Docker (issue 7, item 10).
 * Without a shell nothing needs quoting either. (Why not zx 8 with `usePowerShell()`:
 * see the README, "Why no zx".)
 *
 * On Windows, Node (libuv) looks the program up on PATH and tries the name as given,
 * then with `.com` and `.exe` appended: `docker` finds docker.exe and `git` finds
 * git.exe. Batch files (`.cmd`, `.bat`) would need cmd.exe, and Node refuses to
 * start them without `shell: true` since CVE-2024-27980
 * (https://nodejs.org/en/blog/vulnerability/april-2024-security-releases-2); no
 * command run here is one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

export interface ExecResult {
  /** Exit code; 127 means the command itself was not found, 124 that it timed out (shell conventions). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  input?: string;
  /**
   * Aborting it sends the program SIGINT, what Ctrl-C in a terminal sends it. The
   * docker CLI passes it on to the Compose plugin, which prints "canceled" and exits
   * 130 within milliseconds, leaving the containers as they are (measured with
   * Compose 2.26.1 and docker CLI 28; SIGTERM behaves the same). So an interrupted
   * `up` stops its `compose up --wait` child even when the signal reached node alone
   * (`kill <pid>`, a service manager, a test harness) rather than the whole terminal
   * process group.
   */
  signal?: AbortSignal;
  /** Each chunk of output as it comes (progress lines, `logs -f`). */
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
  /** false: stream to `onOutput` and keep nothing (`logs -f` and `docker events` run for hours). */
  keepOutput?: boolean;
}

export type Exec = (command: string, args: string[], options?: ExecOptions) => Promise<ExecResult>;

const NOT_FOUND = 127;
const CANNOT_RUN = 126;
const TIMED_OUT = 124;

/** Never throws and never rejects: callers inspect `code` and turn it into a check result or an error. */
export const realExec: Exec = (command, args, options = {}) =>
  new Promise((resolve) => {
    const keep = options.keepOutput !== false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (code: number, note?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', interrupt);
      const err = text(stderr);
      resolve({ code, stdout: text(stdout), stderr: note ? `${err}${err && !err.endsWith('\n') ? '\n' : ''}${note}` : err });
    };

    let child: ChildProcess | undefined;
    const interrupt = () => void child?.kill('SIGINT');
    try {
      child = spawn(command, args, {
        shell: false,
        env: options.env ?? process.env,
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      // Refused before starting (a batch file on Windows: EINVAL; a NUL byte in an argument).
      return finish(...startFailure(command, error as NodeJS.ErrnoException));
    }
    const started = child;
    if (options.signal?.aborted) interrupt();
    else options.signal?.addEventListener('abort', interrupt, { once: true });
    if (options.timeoutMs) {
      timer = setTimeout(() => {
        // Resolve now rather than on 'close': a grandchild holding the pipes open
        // must not stretch the bound the caller asked for.
        started.kill();
        finish(TIMED_OUT, `${command} timed out after ${options.timeoutMs} ms`);
      }, options.timeoutMs);
    }

    started.stdout?.on('data', (chunk: Buffer) => {
      if (keep) stdout.push(chunk);
      options.onOutput?.(chunk, 'stdout');
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      if (keep) stderr.push(chunk);
      options.onOutput?.(chunk, 'stderr');
    });
    started.on('error', (error: NodeJS.ErrnoException) => finish(...startFailure(command, error)));
    started.on('close', (code, signal) => finish(code ?? signalCode(signal), code === null && signal && stderr.length === 0 ? `ended by ${signal}` : undefined));
    if (options.input !== undefined && started.stdin) {
      // A program that exits without reading its input closes the pipe (EPIPE): its exit code tells.
      started.stdin.on('error', () => {});
      started.stdin.end(options.input);
    }
  });

/** True when the command itself could not be found. */
export function isNotFound(result: ExecResult): boolean {
  return result.code === NOT_FOUND;
}

function startFailure(command: string, error: NodeJS.ErrnoException): [number, string] {
  if (error.code === 'ENOENT') return [NOT_FOUND, `${command}: command not found (no \`${command}\` program on PATH)`];
  return [CANNOT_RUN, `${command} could not be started: ${error.message}`];
}

/** Killed by a signal: 128 + its number, as shells report it. */
function signalCode(signal: NodeJS.Signals | null): number {
  const number = signal ? constants.signals[signal] : undefined;
  return number ? 128 + number : 1;
}

export interface LineWatch {
  stop(): void;
}

/**
 * A long-running program whose output is read line by line as it comes (`docker
 * events`), through `realExec` like every other process. `onEnd` hears when it ends.
 */
export function watchLines(command: string, args: string[], onLine: (line: string) => void, onEnd: (code: number) => void = () => {}, exec: Exec = realExec): LineWatch {
  const stopper = new AbortController();
  let rest = '';
  const onOutput = (chunk: Buffer, stream: 'stdout' | 'stderr') => {
    if (stream !== 'stdout') return;
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  };
  void exec(command, args, { signal: stopper.signal, onOutput, keepOutput: false }).then((result) => onEnd(result.code));
  return { stop: () => stopper.abort() };
}
