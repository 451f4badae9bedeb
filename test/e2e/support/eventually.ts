/**
 * Polls a check until it passes or the deadline is reached, through the
 * orchestrator's own waitFor: a timeout names what was awaited and the last thing
 * seen. Used instead of sleeps: the test waits exactly as long as the system needs.
 */
import { Deadline, realClock } from '../../../scripts/lib/wait/clock.ts';
import { notReady, ready, waitFor, type ProbeResult } from '../../../scripts/lib/wait/poll.ts';

export function within<T>(name: string, probe: () => Promise<ProbeResult<T>>, { timeoutMs = 30_000, intervalMs = 250 } = {}): Promise<T> {
  return waitFor({ name, probe, intervalMs }, { deadline: new Deadline(realClock, timeoutMs) });
}

/** `within` for a check that returns the value once it is there, undefined until then. */
export function eventually<T>(name: string, check: () => Promise<T | undefined>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  return within(name, async () => {
    const value = await check();
    return value === undefined ? notReady('condition not met') : ready(value);
  }, options);
}
