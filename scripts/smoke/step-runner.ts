/**
 * Named, timed steps. A step fails with what was expected, what was seen and a
 * hint; the steps after a failure are listed as skipped, so the table still shows
 * the whole path and where it broke.
 */
import { errorText } from '../lib/text.ts';
import { WaitTimeoutError, type ProbeResult } from '../lib/wait/poll.ts';
import { within, type WithinOptions } from '../lib/wait/within.ts';

export class StepFailure extends Error {
  constructor(
    readonly expected: string,
    readonly seen: string,
    readonly hint: string,
  ) {
    super(`expected ${expected}; saw ${seen}`);
    this.name = 'StepFailure';
  }
}

export interface StepResult {
  name: string;
  status: 'ok' | 'failed' | 'skipped';
  ms: number;
  /** One line for the table: a measured value on success, the failure otherwise. */
  detail: string;
  failure?: { expected: string; seen: string; hint: string };
}

export interface StepRunner {
  results: StepResult[];
  failed(): boolean;
  /** Runs `fn` unless an earlier step failed; its return value is the detail shown. */
  step<T>(name: string, fn: () => Promise<{ value: T; detail?: string }>): Promise<T | undefined>;
  /** A step not run because its part of the stack is off (the profile): listed with why. */
  skip(name: string, why: string): void;
}

export function createStepRunner(now: () => number = () => performance.now()): StepRunner {
  const results: StepResult[] = [];
  const failed = () => results.some((r) => r.status === 'failed');
  return {
    results,
    failed,
    skip(name, why) {
      results.push({ name, status: 'skipped', ms: 0, detail: why });
    },
    async step(name, fn) {
      if (failed()) {
        results.push({ name, status: 'skipped', ms: 0, detail: 'skipped after an earlier failure' });
        return undefined;
      }
      const started = now();
      try {
        const { value, detail = '' } = await fn();
        results.push({ name, status: 'ok', ms: now() - started, detail });
        return value;
      } catch (error) {
        const failure =
          error instanceof StepFailure
            ? { expected: error.expected, seen: error.seen, hint: error.hint }
            : { expected: 'no error', seen: errorText(error), hint: 'see the error above; `npm run status` and `npm run logs` show the stack' };
        results.push({ name, status: 'failed', ms: now() - started, detail: failure.seen, failure });
        return undefined;
      }
    },
  };
}

export interface StepWaitOptions extends WithinOptions {
  /** What success looks like, for the failure message. */
  expected: string;
  hint: string;
}

/** A wait inside a step: its timeout becomes the step's failure (what was expected, the last thing seen, the hint). */
export async function withinStep<T>(name: string, probe: () => Promise<ProbeResult<T>>, { expected, hint, ...wait }: StepWaitOptions): Promise<T> {
  try {
    return await within(name, probe, wait);
  } catch (error) {
    if (error instanceof WaitTimeoutError) throw new StepFailure(`${expected} within ${wait.budgetMs} ms`, error.lastReason, hint);
    throw error;
  }
}
