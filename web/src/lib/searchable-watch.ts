/**
 * After a create: how long until the hotel is found by search — the golden path
 * (API → MySQL → Debezium → Kafka → indexer → Elasticsearch) made visible. Polls the
 * search for the hotel's name until a hit carries its id. Clock and sleep are
 * parameters so the loop is tested without waiting.
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
  | { kind: 'searchable'; seconds: number }
  | { kind: 'timeout'; seconds: number; lastError?: string }
  | { kind: 'aborted' };

export async function watchUntilSearchable({
  search,
  id,
  name,
  now = () => performance.now(),
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  intervalMs = 200,
  timeoutMs = 30_000,
  signal,
  onProgress,
}: WatchOptions): Promise<WatchOutcome> {
  const started = now();
  const seconds = () => (now() - started) / 1000;
  let lastError: string | undefined;
  for (;;) {
    if (signal?.aborted) return { kind: 'aborted' };
    try {
      const result = await search(name);
      if (result.hits.some((hit) => hit.id === id)) return { kind: 'searchable', seconds: seconds() };
      lastError = undefined;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (now() - started >= timeoutMs) return { kind: 'timeout', seconds: seconds(), lastError };
    onProgress?.(seconds());
    await sleep(intervalMs);
  }
}
