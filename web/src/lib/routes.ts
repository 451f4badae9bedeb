import { stayParams, type Stay } from './stay.ts';

/** The page's addresses. A tiny router: six pages do not need a routing library in the bundle. */
export type Route =
  | { page: 'search' }
  | { page: 'new' }
  | { page: 'hotel'; id: number }
  | { page: 'edit'; id: number }
  | { page: 'bookings' }
  | { page: 'booking'; number: string }
  | { page: 'not-found'; path: string };

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'search' };
  if (path === '/hotels/new') return { page: 'new' };
  if (path === '/bookings') return { page: 'bookings' };
  const booking = /^\/bookings\/([0-9]{10})$/.exec(path);
  if (booking) return { page: 'booking', number: booking[1]! };
  const match = /^\/hotels\/([1-9][0-9]{0,15})(\/edit)?$/.exec(path);
  if (match) {
    const id = Number(match[1]);
    if (Number.isSafeInteger(id)) return match[2] ? { page: 'edit', id } : { page: 'hotel', id };
  }
  return { page: 'not-found', path: pathname };
}

export const hrefs = {
  search: (query = '') => `/${query}`,
  newHotel: () => '/hotels/new',
  hotel: (id: number) => `/hotels/${id}`,
  edit: (id: number) => `/hotels/${id}/edit`,
  /** A hotel's page for a stay: its rooms with prices for those dates. */
  hotelForStay: (id: number, stay: Stay | undefined) => (stay ? `/hotels/${id}?${stayParams(stay)}` : `/hotels/${id}`),
  bookings: () => '/bookings',
  /** A booking's page: the number only; the PIN never goes in an address. */
  booking: (number: string) => `/bookings/${number}`,
};

/** After a create: the hotel's page, told to show when search finds it. */
export function createdHref(id: number): string {
  return `${hrefs.hotel(id)}?created=1`;
}

export function isJustCreated(search: string): boolean {
  return new URLSearchParams(search).get('created') === '1';
}
