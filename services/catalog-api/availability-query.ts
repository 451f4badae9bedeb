/**
 * Date search's first request (issue 21): which room types are free on every night of a
 * stay for that many guests, and per hotel the one giving the lowest total. The index
 * holds one document per room type and one per room type and night
 * (services/lib/availability-document.ts says why); the question is one search:
 *
 *   room type documents with capacity >= guests
 *   OR night documents of the stay's nights with available >= 1
 *   → terms on room_type_id with min_doc_count = nights + 1
 *
 * A room type's bucket reaches nights + 1 only with its own document and all of its
 * nights, each night being a single document. size 0: only the buckets are read. The
 * hotels' index then answers text, city, stars and paging among those hotels
 * (search-query.ts, the second request), so `total` counts only hotels with a room free.
 */
import type { RoomTypeDocument } from '../lib/availability-document.ts';
import type { Stay } from '../lib/stay.ts';

/**
 * The most room types one date search considers; past it the answer would silently miss
 * hotels, so the search fails instead (MoreRoomTypesThanSearchableError). Sample data has
 * about 15; a catalog near this bound wants a per-hotel night index instead.
 */
export const MAX_FREE_ROOM_TYPES = 10_000;

export interface Money {
  amountMinor: number;
  currency: string;
}

/** What a date search adds to each hotel it answers (BOOKING-UI.md). */
export interface StayOffer {
  checkIn: string;
  checkOut: string;
  nights: number;
  guests: number;
  lowestTotal: Money;
  roomTypeId: number;
}

export function buildAvailabilityRequest(index: string, stay: Stay) {
  return {
    index,
    size: 0,
    query: {
      bool: {
        filter: [
          {
            bool: {
              minimum_should_match: 1,
              should: [
                { bool: { filter: [{ term: { kind: 'room_type' } }, { range: { capacity: { gte: stay.guests } } }] } },
                {
                  bool: {
                    filter: [
                      { term: { kind: 'night' } },
                      // check_out is excluded: the guest leaves that morning.
                      { range: { night: { gte: stay.checkIn, lt: stay.checkOut } } },
                      { range: { available: { gte: 1 } } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    aggs: {
      free_room_types: {
        terms: { field: 'room_type_id', size: MAX_FREE_ROOM_TYPES + 1, min_doc_count: stay.nights + 1, order: { _key: 'asc' as const } },
        aggs: {
          room_type: {
            filter: { term: { kind: 'room_type' } },
            aggs: { document: { top_hits: { size: 1, _source: ['room_type_id', 'hotel_id', 'nightly_price_minor', 'currency'] } } },
          },
        },
      },
    },
  };
}

export interface AvailabilityAggregations {
  free_room_types?: {
    buckets: Array<{ key: number; doc_count: number; room_type?: { document?: { hits?: { hits?: Array<{ _source?: Partial<RoomTypeDocument> }> } } } }>;
  };
}

export class MoreRoomTypesThanSearchableError extends Error {
  constructor() {
    super(`more than ${MAX_FREE_ROOM_TYPES} room types are free for this stay; date search answers up to that many`);
    this.name = 'MoreRoomTypesThanSearchableError';
  }
}

/**
 * Each hotel with a free room type → its offer: the room type with the lowest total for
 * the stay (nights x nightly price, as inventory's quote; ties to the lower id). Totals
 * in different currencies are not compared: the first currency met is kept (the sample
 * inventory is all EUR).
 */
export function offersByHotel(aggregations: AvailabilityAggregations | undefined, stay: Stay): Map<number, StayOffer> {
  const buckets = aggregations?.free_room_types?.buckets ?? [];
  if (buckets.length > MAX_FREE_ROOM_TYPES) throw new MoreRoomTypesThanSearchableError();
  const offers = new Map<number, StayOffer>();
  for (const bucket of buckets) {
    const roomType = bucket.room_type?.document?.hits?.hits?.[0]?._source;
    if (!roomType || roomType.hotel_id === undefined || roomType.nightly_price_minor === undefined || !roomType.currency) continue;
    const total: Money = { amountMinor: stay.nights * roomType.nightly_price_minor, currency: roomType.currency };
    const current = offers.get(roomType.hotel_id);
    const lower = !current || (current.lowestTotal.currency === total.currency && total.amountMinor < current.lowestTotal.amountMinor);
    if (lower) {
      offers.set(roomType.hotel_id, {
        checkIn: stay.checkIn,
        checkOut: stay.checkOut,
        nights: stay.nights,
        guests: stay.guests,
        lowestTotal: total,
        roomTypeId: bucket.key,
      });
    }
  }
  return offers;
}
