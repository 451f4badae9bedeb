import type { Exec, ExecResult } from '../../../scripts/lib/exec.ts';

export type Responder = (command: string, args: string[]) => Partial<ExecResult> | undefined;

/** Answers from a function; records every call; unknown commands are "not found" (127). */
export function fakeExec(respond: Responder): Exec & { calls: string[][] } {
  const calls: string[][] = [];
  const exec = (async (command: string, args: string[]) => {
    calls.push([command, ...args]);
    const answer = respond(command, args);
    if (!answer) return { code: 127, stdout: '', stderr: `${command}: command not found` };
    return { code: 0, stdout: '', stderr: '', ...answer };
  }) as Exec & { calls: string[][] };
  exec.calls = calls;
  return exec;
}
