/**
 * Exponential backoff with jitter, for waiting on a dependency (Elasticsearch,
 * Kafka) without hammering it and without all replicas retrying in lockstep.
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
