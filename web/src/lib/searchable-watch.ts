/**
 * How long until search agrees with a write — the golden path (API → database →
 * Debezium → Kafka → indexer → Elasticsearch) made visible. After a create: until a
 * hit for the hotel's name carries its id. After a delete: until no hit does, so the
 * search page can refetch a list (and a total) that no longer counts it. Clock and
 * sleep are parameters so the loop is tested without waiting.
 */
import type { SearchResult } from './hotel.ts';

export interface WatchOptions {
  search: (q: string) => Promise<SearchResult>;
  id: number;
  name: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  intervalMs?: number;
  timeoutMs?: number;
  /** Stops the loop when the page leaves. */
  signal?: AbortSignal;
  /** Called with the seconds waited so far, after each miss. */
  onProgress?: (seconds: number) => void;
}

export type WatchOutcome =
  | { kind: 'confirmed'; seconds: number }
  | { kind: 'timeout'; seconds: number; lastError?: string }
  | { kind: 'aborted' };

/** Until search finds the hotel (another hotel of the same name does not count). */
export function watchUntilSearchable(options: WatchOptions): Promise<WatchOutcome> {
  return watchSearch(options, (result) => result.hits.some((hit) => hit.id === options.id));
}

/** Until search no longer finds the hotel. A failed search proves nothing: the loop goes on. */
export function watchUntilDropped(options: WatchOptions): Promise<WatchOutcome> {
  return watchSearch(options, (result) => !result.hits.some((hit) => hit.id === options.id));
}

async function watchSearch(
  {
    search,
    name,
    now = () => performance.now(),
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    intervalMs = 200,
    timeoutMs = 30_000,
    signal,
    onProgress,
  }: WatchOptions,
  agrees: (result: SearchResult) => boolean,
): Promise<WatchOutcome> {
  const started = now();
  const seconds = () => (now() - started) / 1000;
  let lastError: string | undefined;
  for (;;) {
    if (signal?.aborted) return { kind: 'aborted' };
    try {
      if (agrees(await search(name))) return { kind: 'confirmed', seconds: seconds() };
      lastError = undefined;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (now() - started >= timeoutMs) return { kind: 'timeout', seconds: seconds(), lastError };
    onProgress?.(seconds());
    await sleep(intervalMs);
  }
}
