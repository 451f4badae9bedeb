/**
 * A wait with its own budget: `waitFor` on a fresh Deadline. For the host-side
 * checks of smoke, bench and the e2e tests, which wait for one thing at a time
 * (`up` shares one Deadline across its waits and calls waitFor itself). A timeout
 * is the loop's WaitTimeoutError: what was awaited, for how long, the last reason.
 */
import { Deadline, realClock, type Clock } from './clock.ts';
import { notReady, ready, waitFor, type ProbeResult } from './poll.ts';

export interface WithinOptions {
  budgetMs: number;
  /** Pause between attempts. */
  intervalMs?: number;
  clock?: Clock;
}

export function within<T>(name: string, probe: () => Promise<ProbeResult<T>>, { budgetMs, intervalMs = 100, clock = realClock }: WithinOptions): Promise<T> {
  return waitFor({ name, probe, intervalMs }, { deadline: new Deadline(clock, budgetMs) });
}

/** `within` for a check that returns the value once it is there, undefined until then. */
export function eventually<T>(name: string, check: () => Promise<T | undefined>, options: WithinOptions): Promise<T> {
  return within(name, async () => {
    const value = await check();
    return value === undefined ? notReady('condition not met') : ready(value);
  }, options);
}
