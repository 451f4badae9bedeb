/**
 * For an e2e file that needs the stack but not a fresh one. Vitest picks the order of
 * the files (and some reset the stack), so no file can know what it finds or whether it
 * runs last: borrow the stack (`up`, a no-op when healthy) and give it back as it was
 * found — running, stopped with its data, or absent.
 */
import { runCli } from './run-cli.ts';
import { containers, volumes } from './running-stack.ts';

export type FoundStack = 'running' | 'stopped' | 'absent';

export async function borrowStack(): Promise<FoundStack> {
  const found: FoundStack = containers().some((c) => c.running) ? 'running' : volumes().length > 0 ? 'stopped' : 'absent';
  const up = await runCli(['up']);
  if (up.code !== 0) throw new Error(`npm run up exited ${up.code}; its output is above`);
  return found;
}

export async function returnStack(found: FoundStack | undefined): Promise<void> {
  if (found === 'absent') await runCli(['reset', '--yes']);
  if (found === 'stopped') await runCli(['down']);
}
