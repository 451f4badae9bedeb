/** The catalog API as a client sees it: through HAProxy, JSON in and out. */
import { eventually } from './eventually.ts';

export interface Hotel {
  id: number;
  name: string;
  city: string;
  stars: number;
  description?: string | null;
}

export async function api(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export async function createHotel(base: string, hotel: Omit<Hotel, 'id'>): Promise<Hotel> {
  const response = await api(base, 'POST', '/api/hotels', hotel);
  if (response.status !== 201) throw new Error(`POST /api/hotels answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Hotel;
}

export async function searchIds(base: string, q: string): Promise<number[]> {
  const response = await api(base, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
  if (response.status !== 200) throw new Error(`search answered ${response.status}`);
  return (response.body as { hits: Hotel[] }).hits.map((hit) => Number(hit.id));
}

/** Waits until search for `q` does (or, with present=false, no longer does) return `id`. */
export function awaitSearch(base: string, q: string, id: number, present = true, timeoutMs = 30_000) {
  return eventually(
    `search for "${q}" ${present ? 'finds' : 'no longer finds'} hotel ${id}`,
    async () => ((await searchIds(base, q)).includes(id) === present ? true : undefined),
    { timeoutMs },
  );
}

export function uniqueToken(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
