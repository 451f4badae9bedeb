/**
 * The one retry policy of the services: exponential backoff with jitter, for
 * waiting on a dependency (Elasticsearch, Kafka, MySQL) without hammering it and
 * without all replicas retrying in lockstep, and the loop that applies it.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 250, maxMs: 10_000, factor: 2 };

/**
 * For a service's first wait on a dependency that Compose starts alongside it
 * (Elasticsearch starts with the indexer): the dependency is coming up, not down,
 * so a 2 s cap keeps the service ready within about a second of it.
 */
export const startupBackoff: BackoffPolicy = { initialMs: 250, maxMs: 2_000, factor: 2 };

/** Delay before retry number `attempt` (0-based): half fixed, half random, capped. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = defaultBackoff,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * policy.factor ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Resolves after `ms`, or early when the signal aborts (shutdown must not wait out a backoff). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs an operation until it succeeds, sleeping with backoff between failures,
 * for as long as `shouldContinue` allows. Used wherever a dependency being down
 * must mean "wait and try again", never "crash and let Docker restart us".
 */
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
