/** The catalog API as a client on the host sees it: through HAProxy. */
import type { Hotel, HotelWrite } from '../../../services/lib/contract.ts';
export interface ApiResponse {
  status: number;
  body: unknown;
  servedBy: string | null;
}

export interface ApiClient {
  /** `headers` are the request's own (Idempotency-Key, X-Booking-Pin); the JSON content type is added for a body. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
}

/** What a client sends (services/lib/hotel.ts declares the hotel once). */
export type HotelFields = HotelWrite;

/** What the API answers with. */
export type StoredHotel = Hotel;

export interface SearchAnswer {
  total: number;
  hits: StoredHotel[];
}

export function createApiClient(baseUrl: string, fetchImpl: typeof fetch = fetch, timeoutMs = 3_000): ApiClient {
  return {
    async request(method, path, body, headers = {}) {
      const response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the raw text: an HTML error page from the proxy is still worth showing
      }
      return { status: response.status, body: parsed, servedBy: response.headers.get('x-served-by') };
    },
  };
}

/** One line describing an unexpected answer, for "seen" in a failure. */
export function describeResponse(response: ApiResponse): string {
  const raw = typeof response.body === 'string' ? response.body : (JSON.stringify(response.body) ?? '');
  // HAProxy's own error pages are HTML: keep their text on one line.
  const body = raw.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  const from = response.servedBy ? ` from ${response.servedBy}` : '';
  return `HTTP ${response.status}${from}: ${body.slice(0, 160)}`;
}

export function searchPath(q: string): string {
  return `/api/search?${new URLSearchParams({ q, limit: '10' })}`;
}
