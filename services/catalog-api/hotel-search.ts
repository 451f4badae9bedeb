/**
 * Search over the hotels index in Elasticsearch (written by search-indexer). With dates
 * (issue 21) it is two requests: the availability index names the hotels with a room type
 * free on every night and each one's lowest total (availability-query.ts), then the hotels
 * index searches and pages among those hotels alone, and each hit gains its `stay`.
 */
import type { Client } from '@elastic/elasticsearch';
import { deferred, type Deferred } from '../kit/deferred.ts';
import type { HotelDocument } from '../lib/hotel-document.ts';
import { buildAvailabilityRequest, offersByHotel, type AvailabilityAggregations, type StayOffer } from './availability-query.ts';
import { buildSearchRequest } from './search-query.ts';
import type { SearchParams } from './search-params.ts';

export type SearchHit = Omit<HotelDocument, 'city_key'> & { stay?: StayOffer };

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

export interface HotelSearch {
  search(params: SearchParams): Promise<SearchResult>;
  ping(): Promise<void>;
}

export function createElasticHotelSearch(client: Client, index: string, availabilityIndex: string): HotelSearch {
  return {
    async search(params) {
      let offers: Map<number, StayOffer> | undefined;
      if (params.stay) {
        const free = await client.search<unknown, AvailabilityAggregations>(buildAvailabilityRequest(availabilityIndex, params.stay));
        offers = offersByHotel(free.aggregations, params.stay);
        if (offers.size === 0) return { total: 0, hits: [] };
      }
      const response = await client.search<HotelDocument>(buildSearchRequest(index, params, offers && [...offers.keys()]));
      const total = response.hits.total;
      return {
        total: typeof total === 'number' ? total : (total?.value ?? 0),
        hits: response.hits.hits.flatMap((hit) => (hit._source ? [withStay(toHit(hit._source), offers)] : [])),
      };
    },
    // Cluster health, not `ping` (HEAD /): the root endpoint lives in a module the
    // Elasticsearch distribution CI runs lacks, and health says more anyway.
    async ping() {
      const health = await client.cluster.health({ timeout: '2s' });
      if (health.status === 'red') throw new Error('cluster health is red');
    },
  };
}

/**
 * The same search over a client that loads later (kit/deferred.ts): each call waits for
 * it. The search object is built once, on the first call after the client has loaded
 * (and again only if that load failed), through the same load-once-and-retry.
 */
export function deferredHotelSearch(client: Deferred<Client>, index: string, availabilityIndex: string): HotelSearch {
  const ready = deferred(async () => createElasticHotelSearch(await client.get(), index, availabilityIndex));
  return {
    search: async (params) => (await ready.get()).search(params),
    ping: async () => (await ready.get()).ping(),
  };
}

function toHit({ city_key: _internal, ...hit }: HotelDocument): SearchHit {
  return hit;
}

function withStay(hit: SearchHit, offers: Map<number, StayOffer> | undefined): SearchHit {
  const stay = offers?.get(hit.id);
  return stay ? { ...hit, stay } : hit;
}
