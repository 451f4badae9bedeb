/**
 * The one way this orchestrator spawns a process other than Compose (which goes
 * through compose/compose.ts). Checks take an `Exec` parameter so tests pass a fake;
 * the default runs zx `$` with an argument array (zx quotes each element).
 */
import { $ } from 'zx';

export interface ExecResult {
  /** Exit code; 127 means the command was not found (bash convention). */
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

/** Never throws on a non-zero exit: callers inspect `code` and turn it into a check result. */
export const realExec: Exec = async (command, args, options = {}) => {
  const shell = $({
    nothrow: true,
    quiet: true,
    env: options.env ?? process.env,
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  try {
    const output = await shell`${command} ${args}`;
    if (output.exitCode === null && output.signal === null && output.cause) {
      // zx could not start at all (e.g. no bash on PATH, so no quote function).
      return { code: 127, stdout: '', stderr: `could not run ${command}: ${output.cause.message}` };
    }
    return { code: output.exitCode ?? 1, stdout: output.stdout, stderr: output.stderr };
  } catch (error) {
    // zx itself could not start a shell (no bash on PATH): nothing could be run.
    return { code: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
  }
};

/** True when the shell reported "command not found". */
export function isNotFound(result: ExecResult): boolean {
  return result.code === 127;
}
