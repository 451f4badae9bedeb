/** Pure judgements of what a client sees from the catalog API (smoke, bench, e2e), so they are unit-tested without a stack. */
import { notReady, ready, type ProbeResult } from '../wait/poll.ts';
import { describeResponse, type ApiResponse, type SearchAnswer } from './api-client.ts';

/** Both replicas answered: at least `expected` distinct X-Served-By names seen with HTTP 200. */
export function judgeReplicas(seen: Set<string>, last: ApiResponse, expected = 2): ProbeResult<string[]> {
  if (last.status === 200 && last.servedBy) seen.add(last.servedBy);
  if (seen.size >= expected) return ready([...seen].sort());
  const so = seen.size === 0 ? 'none yet' : [...seen].join(', ');
  return notReady(`${seen.size} replica(s) answered 200 (${so}); last: ${describeResponse(last)}`);
}

/** Whether /api/search lists the hotel (optionally at least at a version). */
export function judgeSearchHit(response: ApiResponse, id: number, minVersion = 1): ProbeResult<number> {
  if (response.status !== 200) return notReady(describeResponse(response));
  const hits = (response.body as SearchAnswer).hits ?? [];
  const hit = hits.find((h) => h.id === id);
  if (hit && hit.version >= minVersion) return ready(hit.version);
  return notReady(hit ? `hotel ${id} found at version ${hit.version}` : `${hits.length} hit(s), none with id ${id}`);
}

export function judgeSearchMiss(response: ApiResponse, id: number): ProbeResult {
  if (response.status !== 200) return notReady(describeResponse(response));
  const hits = (response.body as SearchAnswer).hits ?? [];
  return hits.some((h) => h.id === id) ? notReady(`hotel ${id} still found`) : ready();
}
