/** The catalog API as a client sees it, through HAProxy: the smoke test's client and judgements. */
import { createApiClient, searchPath, type StoredHotel } from '../../../scripts/lib/platform-client/api-client.ts';
import type { HotelWrite } from '../../../services/lib/hotel.ts';
import { judgeSearchHit, judgeSearchMiss } from '../../../scripts/lib/platform-client/api-judgements.ts';
import { uniqueToken as smokeToken } from '../../../scripts/lib/platform-client/client-settings.ts';
import { within } from '../../../scripts/lib/wait/within.ts';

/** What a scenario writes and reads back: the hotel as services/lib/hotel.ts declares it. */
export type Hotel = HotelWrite & Pick<StoredHotel, 'id'>;

export function api(base: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return createApiClient(base, fetch, 10_000).request(method, path, body, headers);
}

export async function createHotel(base: string, hotel: Omit<Hotel, 'id'>): Promise<Hotel> {
  const response = await api(base, 'POST', '/api/hotels', hotel);
  if (response.status !== 201) throw new Error(`POST /api/hotels answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Hotel;
}

/** Waits until search for `q` does (or, with present=false, no longer does) return `id`. */
export function awaitSearch(base: string, q: string, id: number, present = true, timeoutMs = 30_000) {
  return within(
    `search for "${q}" ${present ? 'finds' : 'no longer finds'} hotel ${id}`,
    async () => {
      const response = await api(base, 'GET', searchPath(q));
      return present ? judgeSearchHit(response, id) : judgeSearchMiss(response, id);
    },
    { budgetMs: timeoutMs, intervalMs: 250 },
  );
}

/** The smoke test's token (one word to the search analyzer), with the scenario's prefix. */
export function uniqueToken(prefix: string): string {
  return smokeToken(Math.random, Date.now(), prefix);
}
