/** The page's addresses. A tiny router: four pages do not need a routing library in the bundle. */
export type Route =
  | { page: 'search' }
  | { page: 'new' }
  | { page: 'hotel'; id: number }
  | { page: 'edit'; id: number }
  | { page: 'not-found'; path: string };

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'search' };
  if (path === '/hotels/new') return { page: 'new' };
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
};

/** After a create: the hotel's page, told to show when search finds it. */
export function createdHref(id: number): string {
  return `${hrefs.hotel(id)}?created=1`;
}

export function isJustCreated(search: string): boolean {
  return new URLSearchParams(search).get('created') === '1';
}
