/**
 * Concurrent requests for the same key share one piece of work: the first starts it, the
 * others wait for its result. For the resizer, so a burst of misses for one image URL
 * (a page of cards, HAProxy's cache cold) resizes once instead of once per request.
 * The key is forgotten as soon as the work settles: results are cached by HAProxy, not here.
 */
export type SingleFlight<V> = (key: string, work: () => Promise<V>) => Promise<V>;

export function singleFlight<V>(): SingleFlight<V> & { inFlight(): number } {
  const running = new Map<string, Promise<V>>();
  const run = (key: string, work: () => Promise<V>): Promise<V> => {
    const current = running.get(key);
    if (current) return current;
    const started = Promise.resolve()
      .then(work)
      .finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
  return Object.assign(run, { inFlight: () => running.size });
}
