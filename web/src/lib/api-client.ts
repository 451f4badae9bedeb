/**
 * The page's client of catalog-api, through the same origin (HAProxy routes /api/,
 * the Vite dev server proxies it). `fetch` is a parameter so the logic is tested
 * without a server.
 */
import { ApiError, errorFromResponse, unreachable } from './api-error.ts';
import type { ApiInfo, Hotel, HotelDraft, SearchResult } from './hotel.ts';
import { searchApiPath, type SearchState } from './search-query.ts';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClient {
  search(state: SearchState, pageSize?: number): Promise<SearchResult>;
  searchText(q: string): Promise<SearchResult>;
  /** Search restricted to one hotel: whether search still (or already) holds it, whatever its name there. */
  searchHotel(id: number): Promise<SearchResult>;
  getHotel(id: number): Promise<Hotel>;
  createHotel(draft: HotelDraft): Promise<Hotel>;
  updateHotel(id: number, draft: HotelDraft): Promise<Hotel>;
  deleteHotel(id: number): Promise<void>;
  /** What the platform runs (the database engine), for the page's wording. */
  info(): Promise<ApiInfo>;
}

export type JsonCall = <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

/** One JSON request through the same origin: the API's answer, or an ApiError that says what to do. */
export function createJsonCall(fetchFn: Fetch = (input, init) => fetch(input, init), base = ''): JsonCall {
  return async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetchFn(`${base}${path}`, {
        method,
        headers: body === undefined ? { Accept: 'application/json', ...headers } : { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw unreachable(error);
    }
    const parsed = await readJson(response);
    if (!response.ok) throw errorFromResponse(response.status, parsed);
    return parsed as T;
  };
}

export function createApiClient(fetchFn: Fetch = (input, init) => fetch(input, init), base = ''): ApiClient {
  const call = createJsonCall(fetchFn, base);
  return {
    search: (state, pageSize) => call<SearchResult>('GET', searchApiPath(state, pageSize)),
    searchText: (q) => call<SearchResult>('GET', `/api/search?${new URLSearchParams({ q, limit: '20' })}`),
    searchHotel: (id) => call<SearchResult>('GET', `/api/search?${new URLSearchParams({ id: String(id), limit: '1' })}`),
    getHotel: (id) => call<Hotel>('GET', `/api/hotels/${id}`),
    createHotel: (draft) => call<Hotel>('POST', '/api/hotels', hotelBody(draft)),
    updateHotel: (id, draft) => call<Hotel>('PUT', `/api/hotels/${id}`, hotelBody(draft)),
    deleteHotel: (id) => call<void>('DELETE', `/api/hotels/${id}`),
    info: () => call<ApiInfo>('GET', '/api/info'),
  };
}

/**
 * The form's values as the API's body. Stars that look like a number are sent as one;
 * anything else is sent as typed, so the API (the one judge of validity) names the field.
 */
export function hotelBody(draft: HotelDraft): Record<string, unknown> {
  const stars = draft.stars.trim();
  return {
    name: draft.name,
    city: draft.city,
    stars: /^-?\d+(\.\d+)?$/.test(stars) ? Number(stars) : stars,
    description: draft.description.trim() === '' ? null : draft.description,
  };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export { ApiError };
