/**
 * Turns validated search parameters into an Elasticsearch request body.
 * User text only ever reaches `multi_match` (analyzed as plain text), never
 * `query_string`, whose syntax would let a user write field names, wildcards or
 * expensive regexes. The city filter is an exact term on the lower-cased key; the
 * stars filter a lower bound; the id filter one hotel.
 */
import { cityKey } from '../lib/hotel-document.ts';
import type { SearchParams } from './search-params.ts';

/**
 * `onlyHotels`: a date search's hotels with a room free (availability-query.ts); the
 * filter keeps from, size and the total among them, so paging counts only those.
 */
export function buildSearchRequest(index: string, params: SearchParams, onlyHotels?: number[]) {
  const must = params.q
    ? [{ multi_match: { query: params.q, fields: ['name^3', 'city^2', 'description'], operator: 'and' as const } }]
    : [{ match_all: {} }];
  const filter: object[] = [];
  if (params.city) filter.push({ term: { city_key: cityKey(params.city) } });
  if (params.minStars !== undefined) filter.push({ range: { stars: { gte: params.minStars } } });
  if (params.id !== undefined) filter.push({ term: { id: params.id } });
  if (onlyHotels !== undefined) filter.push({ terms: { id: onlyHotels } });
  return {
    index,
    from: params.offset,
    size: params.limit,
    track_total_hits: true,
    query: { bool: { must, filter } },
    // relevance first, then a stable order so paging does not shuffle equal scores
    sort: ['_score', { id: { order: 'asc' as const } }],
  };
}
