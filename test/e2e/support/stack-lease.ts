/**
 * Global setup of the end-to-end project: the stack is given back once, after the last
 * file, as the run found it (running, stopped with its data, or absent). Between files it
 * stays up, so each borrower's `up` is a no-op instead of a cold start.
 */
import { runCli } from './run-cli.ts';
import { containers, volumes } from './running-stack.ts';

export type FoundStack = 'running' | 'stopped' | 'absent';

export function findStack(): FoundStack {
  if (containers().some((c) => c.running)) return 'running';
  return volumes().length > 0 ? 'stopped' : 'absent';
}

export default function holdStackForTheRun(): () => Promise<void> {
  const found = findStack();
  return async () => {
    if (found === 'absent') await runCli(['reset', '--yes']);
    if (found === 'stopped') await runCli(['down']);
  };
}
