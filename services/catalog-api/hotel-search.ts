/** Search over the hotels index in Elasticsearch (written by search-indexer). */
import type { Client } from '@elastic/elasticsearch';
import type { HotelDocument } from '../lib/hotel-document.ts';
import { buildSearchRequest } from './search-query.ts';
import type { SearchParams } from './search-params.ts';

export type SearchHit = Omit<HotelDocument, 'city_key'>;

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

export interface HotelSearch {
  search(params: SearchParams): Promise<SearchResult>;
  ping(): Promise<void>;
}

export function createElasticHotelSearch(client: Client, index: string): HotelSearch {
  return {
    async search(params) {
      const response = await client.search<HotelDocument>(buildSearchRequest(index, params));
      const total = response.hits.total;
      return {
        total: typeof total === 'number' ? total : (total?.value ?? 0),
        hits: response.hits.hits.flatMap((hit) => (hit._source ? [toHit(hit._source)] : [])),
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

function toHit({ city_key: _internal, ...hit }: HotelDocument): SearchHit {
  return hit;
}
