import { describe, expect, it } from 'vitest';
import { pageInfo, pageWindow } from '../../../web/src/lib/paging.ts';
import { searchApiPath, searchStateFromUrl, searchStateToUrl } from '../../../web/src/lib/search-query.ts';
import { createdHref, isJustCreated, routeOf } from '../../../web/src/lib/routes.ts';

describe('search state in the address bar', () => {
  it('round-trips, leaving defaults out', () => {
    const state = { q: 'harbour view', city: 'Lisbon', minStars: 4, page: 2 };
    expect(searchStateToUrl(state)).toBe('?q=harbour+view&city=Lisbon&stars=4&page=2');
    expect(searchStateFromUrl(searchStateToUrl(state))).toEqual(state);
    expect(searchStateToUrl({ q: ' ', city: '', minStars: undefined, page: 1 })).toBe('');
  });

  it('falls back to defaults for malformed values instead of failing', () => {
    expect(searchStateFromUrl('?stars=9&page=-2')).toEqual({ q: '', city: '', minStars: undefined, page: 1 });
    expect(searchStateFromUrl('?stars=2.5&page=abc').minStars).toBeUndefined();
  });
});

describe('a search with dates', () => {
  const stay = { checkIn: '2026-12-20', checkOut: '2026-12-23', guests: 3 };

  it('keeps the stay in the address with the API names, and only a whole one', () => {
    const state = { q: '', city: 'Lisbon', minStars: undefined, stay, page: 1 };
    expect(searchStateToUrl(state)).toBe('?city=Lisbon&check_in=2026-12-20&check_out=2026-12-23&guests=3');
    expect(searchStateFromUrl(searchStateToUrl(state))).toEqual(state);
    expect(searchStateFromUrl('?check_in=2026-12-20').stay).toBeUndefined();
  });

  it('asks the API for the stay, with the page as offset and limit', () => {
    expect(searchApiPath({ q: '', city: 'Lisbon', minStars: undefined, stay, page: 2 }, 6)).toBe(
      '/api/search?city=Lisbon&check_in=2026-12-20&check_out=2026-12-23&guests=3&limit=6&offset=6',
    );
  });
});

describe('the booking addresses', () => {
  it('routes the manage page and a booking by its 10-digit number only', () => {
    expect(routeOf('/bookings')).toEqual({ page: 'bookings' });
    expect(routeOf('/bookings/0123456789')).toEqual({ page: 'booking', number: '0123456789' });
    expect(routeOf('/bookings/12345').page).toBe('not-found');
  });
});

describe('the API query', () => {
  it('asks for the page as offset and limit, with the stars filter as min_stars', () => {
    expect(searchApiPath({ q: 'spa', city: 'Kyoto', minStars: 3, page: 3 }, 6)).toBe('/api/search?q=spa&city=Kyoto&min_stars=3&limit=6&offset=12');
  });

  it('omits empty filters', () => {
    expect(searchApiPath({ q: '', city: ' ', minStars: undefined, page: 1 }, 6)).toBe('/api/search?limit=6&offset=0');
  });
});

describe('paging', () => {
  it('numbers the hits shown and the pages', () => {
    expect(pageInfo(14, 2, 6)).toEqual({ page: 2, pageCount: 3, first: 7, last: 12, hasPrevious: true, hasNext: true });
    expect(pageInfo(14, 3, 6)).toMatchObject({ first: 13, last: 14, hasNext: false });
  });

  it('has one empty page when nothing matches', () => {
    expect(pageInfo(0, 1, 6)).toEqual({ page: 1, pageCount: 1, first: 0, last: 0, hasPrevious: false, hasNext: false });
  });

  it('never offers a page beyond the 10 000-hit window the API refuses', () => {
    const info = pageInfo(250_000, 1, 6);
    expect(info.pageCount).toBe(1667);
    const last = pageWindow(info.pageCount, 6);
    expect(last.offset + last.limit).toBeLessThanOrEqual(10_002);
    expect(pageInfo(250_000, 1667, 6)).toMatchObject({ last: 10_000, hasNext: false });
  });

  it('clamps a page past the end to the last one', () => {
    expect(pageInfo(5, 9, 6).page).toBe(1);
  });
});

describe('routes', () => {
  it.each([
    ['/', { page: 'search' }],
    ['/hotels/new', { page: 'new' }],
    ['/hotels/42', { page: 'hotel', id: 42 }],
    ['/hotels/42/edit/', { page: 'edit', id: 42 }],
    ['/hotels/0', { page: 'not-found', path: '/hotels/0' }],
    ['/hotels/abc', { page: 'not-found', path: '/hotels/abc' }],
  ])('%s', (path, route) => {
    expect(routeOf(path)).toEqual(route);
  });

  it('marks the page after a create', () => {
    expect(createdHref(5)).toBe('/hotels/5?created=1');
    expect(isJustCreated('?created=1')).toBe(true);
    expect(isJustCreated('')).toBe(false);
  });
});
