/**
 * Polls a probe until it reports success or its own named deadline passes, then
 * fails the step with the last thing seen. Built on the orchestrator's waitFor,
 * so smoke and `up` wait the same way (no fixed sleeps).
 */
import { Deadline, realClock, type Clock } from '../lib/wait/clock.ts';
import { waitFor, WaitTimeoutError, type ProbeResult } from '../lib/wait/poll.ts';
import { StepFailure } from './step-runner.ts';

export interface WithinOptions {
  /** What success looks like, for the failure message. */
  expected: string;
  hint: string;
  budgetMs: number;
  intervalMs?: number;
  clock?: Clock;
}

export async function within<T>(name: string, probe: () => Promise<ProbeResult<T>>, options: WithinOptions): Promise<T> {
  const deadline = new Deadline(options.clock ?? realClock, options.budgetMs);
  try {
    return await waitFor({ name, probe, intervalMs: options.intervalMs ?? 100 }, { deadline });
  } catch (error) {
    if (error instanceof WaitTimeoutError) {
      throw new StepFailure(`${options.expected} within ${options.budgetMs} ms`, error.lastReason, options.hint);
    }
    throw error;
  }
}
