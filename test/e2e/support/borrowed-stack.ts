/**
 * For an e2e file that needs the stack but not a fresh one: `up` (a no-op when it is
 * healthy). The file leaves it running for the next; the run's global setup
 * (stack-lease.ts) gives it back as it found it after the last file.
 */
import { runCli } from './run-cli.ts';

export async function borrowStack(): Promise<void> {
  const up = await runCli(['up']);
  if (up.code !== 0) throw new Error(`npm run up exited ${up.code}; its output is above`);
}
