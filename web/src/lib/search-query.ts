/**
 * The search the page shows, as it lives in the address bar
 * (`/?q=&city=&stars=&check_in=&check_out=&guests=&page=`) and as it is asked of the API
 * (`/api/search?q=&city=&min_stars=&check_in=&check_out=&guests=&limit=&offset=`).
 * Keeping it in the URL makes a search shareable and the back button work.
 */
import { pageWindow } from './paging.ts';
import { stayFromParams, stayParams, type Stay } from './stay.ts';

export interface SearchState {
  q: string;
  city: string;
  /** Minimum stars, 1 to 5; undefined = any. */
  minStars: number | undefined;
  /** With dates: only hotels with a room free every night for that many guests (BOOKING-UI.md). */
  stay?: Stay;
  /** 1-based. */
  page: number;
}

export const PAGE_SIZE = 6;

/** Reads the page's query string; anything malformed falls back to the default rather than failing. */
export function searchStateFromUrl(search: string): SearchState {
  const params = new URLSearchParams(search);
  const stars = Number(params.get('stars'));
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').trim(),
    city: (params.get('city') ?? '').trim(),
    minStars: Number.isInteger(stars) && stars >= 1 && stars <= 5 ? stars : undefined,
    ...withStay(stayFromParams(params)),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The page's query string, without empty or default values ("" for the plain search). */
export function searchStateToUrl(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.city.trim()) params.set('city', state.city.trim());
  if (state.minStars !== undefined) params.set('stars', String(state.minStars));
  if (state.stay) for (const [key, value] of stayParams(state.stay)) params.set(key, value);
  if (state.page > 1) params.set('page', String(state.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API path for this search and page. */
export function searchApiPath(state: SearchState, pageSize = PAGE_SIZE): string {
  const { offset, limit } = pageWindow(state.page, pageSize);
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.city.trim()) params.set('city', state.city.trim());
  if (state.minStars !== undefined) params.set('min_stars', String(state.minStars));
  if (state.stay) for (const [key, value] of stayParams(state.stay)) params.set(key, value);
  params.set('limit', String(limit));
  params.set('offset', String(offset));
  return `/api/search?${params}`;
}

/** A stay only when there is one: the state of a search without dates has no `stay` key. */
function withStay(stay: Stay | undefined): { stay?: Stay } {
  return stay ? { stay } : {};
}
