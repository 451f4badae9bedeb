/**
 * The shape of a hotel in the search index, shared by the writer (search-indexer)
 * and the reader (catalog-api's /api/search), and the index definition the
 * indexer creates at start.
 */
import type { Hotel } from './hotel.ts';

export type HotelDocument = Omit<Hotel, 'created_at' | 'updated_at'> & {
  /** Lower-cased city for exact, case-insensitive filtering: a keyword normalizer
   * would need the analysis-common module, which the CI distribution lacks. */
  city_key: string;
  /**
   * The hotel's images (issue 22): content hashes in upload order, from the row's `images`
   * column; each is served as /img/<hash>/<size>.<format> (services/images/contract.ts).
   * The indexer always writes it; a document indexed before the field existed lacks it.
   */
  images?: string[];
  /** Null when the change event carried no timestamp. */
  created_at: string | null;
  updated_at: string | null;
};

export function cityKey(city: string): string {
  return city.trim().toLowerCase();
}

/**
 * Explicit mapping, `dynamic: strict`: a field nobody planned for is rejected
 * (and dead-lettered) instead of silently growing the mapping. Only the standard
 * analyzer and core field types, because the CI Elasticsearch build has no
 * analysis-common or painless.
 */
export const hotelIndexDefinition = {
  settings: {
    number_of_shards: 1,
    // single node: replicas could never be assigned and health would stay yellow
    number_of_replicas: 0,
    // refresh_interval comes from the indexer's SEARCH_REFRESH_INTERVAL.
  },
  mappings: {
    dynamic: 'strict',
    properties: {
      id: { type: 'long' },
      name: { type: 'text', fields: { raw: { type: 'keyword', ignore_above: 256 } } },
      city: { type: 'text', fields: { raw: { type: 'keyword', ignore_above: 256 } } },
      city_key: { type: 'keyword', ignore_above: 256 },
      stars: { type: 'integer' },
      description: { type: 'text' },
      // Kept for the result cards, never searched by: no inverted index, only the stored values.
      images: { type: 'keyword', index: false },
      version: { type: 'long' },
      created_at: { type: 'date' },
      updated_at: { type: 'date' },
    },
  },
} as const;

// Type-checked: the mapping has a property for every document field, and no other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type MappingCoversDocument = Assert<Same<keyof typeof hotelIndexDefinition.mappings.properties, keyof HotelDocument>>;
