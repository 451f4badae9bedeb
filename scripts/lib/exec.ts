/**
 * The one way this orchestrator spawns a process other than Compose (which goes
 * through compose/compose.ts; the `docker-compose` package spawns `docker` the same
 * way, without a shell). Checks take an `Exec` parameter so tests pass a fake.
 *
 * No shell: the program is started directly with an argument array. zx's `$` needs
 * `bash` on PATH, which PowerShell and cmd on Windows usually lack; there every
 * command failed to start and the doctor blamed a missing Docker (issue 7, item 10).
 * Without a shell nothing needs quoting either.
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
  timeoutMs?: number;
  input?: string;
}

export type Exec = (command: string, args: string[], options?: ExecOptions) => Promise<ExecResult>;

const NOT_FOUND = 127;
const CANNOT_RUN = 126;
const TIMED_OUT = 124;

/** Never throws and never rejects: callers inspect `code` and turn it into a check result. */
export const realExec: Exec = (command, args, options = {}) =>
  new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (code: number, note?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const err = text(stderr);
      resolve({ code, stdout: text(stdout), stderr: note ? `${err}${err && !err.endsWith('\n') ? '\n' : ''}${note}` : err });
    };

    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        shell: false,
        env: options.env ?? process.env,
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      // Refused before starting (a batch file on Windows: EINVAL; a NUL byte in an argument).
      return finish(...startFailure(command, error as NodeJS.ErrnoException));
    }
    if (options.timeoutMs) {
      timer = setTimeout(() => {
        // Resolve now rather than on 'close': a grandchild holding the pipes open
        // must not stretch the bound the caller asked for.
        child.kill();
        finish(TIMED_OUT, `${command} timed out after ${options.timeoutMs} ms`);
      }, options.timeoutMs);
    }

    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => finish(...startFailure(command, error)));
    child.on('close', (code, signal) => finish(code ?? signalCode(signal)));
    if (options.input !== undefined && child.stdin) {
      // A program that exits without reading its input closes the pipe (EPIPE): its exit code tells.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
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
 * events`), without a shell like `realExec`. `onEnd` hears when it ends by itself.
 */
export function watchLines(command: string, args: string[], onLine: (line: string) => void, onEnd: (code: number) => void = () => {}): LineWatch {
  const child = spawn(command, args, { shell: false, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
  child.on('error', () => onEnd(NOT_FOUND));
  child.on('close', (code, signal) => onEnd(code ?? signalCode(signal)));
  return { stop: () => void child.kill() };
}
