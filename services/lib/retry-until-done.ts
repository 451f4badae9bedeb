/**
 * Runs an operation until it succeeds, sleeping with backoff between failures,
 * for as long as `shouldContinue` allows. Used wherever a dependency being down
 * must mean "wait and try again", never "crash and let Docker restart us".
 */
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff.ts';

export interface RetryDeps {
  shouldContinue: () => boolean;
  sleep: (ms: number) => Promise<void>;
  onFailure: (error: unknown, attempt: number, delayMs: number) => void;
  /** Called while waiting, e.g. a Kafka heartbeat so the group keeps us. */
  whileWaiting?: () => Promise<void>;
  policy?: BackoffPolicy;
  random?: () => number;
}

export type RetryOutcome<T> = { done: true; value: T; attempts: number } | { done: false; attempts: number };

export async function retryUntilDone<T>(operation: () => Promise<T>, deps: RetryDeps): Promise<RetryOutcome<T>> {
  let attempt = 0;
  for (; deps.shouldContinue(); attempt++) {
    try {
      return { done: true, value: await operation(), attempts: attempt + 1 };
    } catch (error) {
      const delayMs = backoffDelay(attempt, deps.policy ?? defaultBackoff, deps.random);
      deps.onFailure(error, attempt + 1, delayMs);
      await deps.sleep(delayMs);
      await deps.whileWaiting?.().catch(() => undefined);
    }
  }
  return { done: false, attempts: attempt };
}
