/**
 * `bench:reload`'s figure for `npm run dev` (issue 23): N edits of catalog-api's source
 * (its reload marker) while `dev` runs, each timed from the save to the first answer
 * through HAProxy that shows it; the next edit only once `dev` has printed that the
 * reload is done (both replicas back). A read and a write loop run throughout; their
 * failed requests are the other figure. Side effects come in as parameters.
 */
import { summarize, type LatencySummary } from './latency-stats.ts';

export interface DevReloadDeps {
  setMarker(value: string): void;
  /** Resolves once `dev` has printed its `count`-th "catalog-api reloaded" line. */
  reloaded(count: number): Promise<void>;
  /** Resolves with the time of the first answer that carries the marker. */
  firstAnswerWith(marker: string): Promise<number>;
  now(): number;
}

/** Save → live of each edit, in milliseconds. */
export async function timeDevReloads(edits: number, prefix: string, deps: DevReloadDeps): Promise<number[]> {
  const samples: number[] = [];
  for (let edit = 1; edit <= edits; edit++) {
    const marker = `${prefix}-${edit}`;
    const live = deps.firstAnswerWith(marker);
    const saved = deps.now();
    deps.setMarker(marker);
    const [seenAt] = await Promise.all([live, deps.reloaded(edit)]);
    samples.push(seenAt - saved);
  }
  return samples;
}

export function describeSaveToLive(samples: number[]): string {
  const summary: LatencySummary = summarize(samples);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return `save → live over ${summary.runs} edits: p50 ${seconds(summary.median)}, p95 ${seconds(summary.p95)} (min ${seconds(summary.min)}, max ${seconds(summary.max)})`;
}
