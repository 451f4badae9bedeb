/**
 * Date search's index (issue 21), shared by its writer (search-indexer, from the
 * inventory's change events), its reader (catalog-api's /api/search with dates) and the
 * orchestrator (`npm run verify`, `npm run reindex`).
 *
 * The design: one document per row of the two inventory tables, in one index.
 * - `room_type:<id>`: the room type's hotel, capacity, nightly price and currency;
 * - `night:<room type id>:<YYYY-MM-DD>`: the rooms still free that night.
 * A row change is then one document write, with no read of another row: the indexer
 * stays a stateless mapper, as for the hotels, and a booking that takes the last room
 * rewrites exactly one night document.
 *
 * "Which room types are free on every night of a stay for G guests?" is one search
 * (availability-query.ts): the room type documents with capacity >= G, OR the night
 * documents of the stay's nights with available >= 1, bucketed by room type with
 * min_doc_count = nights + 1. A room type reaches that count only with its own document
 * (its capacity fits) and every one of its nights (each night is one document, so no
 * night counts twice). Only core query and aggregation types: the Elasticsearch CI runs
 * has no parent-join, painless or pipeline-aggregation module. The hotels' index then
 * answers the text, city and stars filters and the paging over those hotels (a second
 * request), so paging counts only hotels with a room free.
 */
import { hotelIndexDefinition } from './hotel-document.ts';

export interface RoomTypeDocument {
  kind: 'room_type';
  room_type_id: number;
  hotel_id: number;
  capacity: number;
  nightly_price_minor: number;
  currency: string;
}

export interface RoomNightDocument {
  kind: 'night';
  room_type_id: number;
  /** YYYY-MM-DD. */
  night: string;
  available: number;
}

export type AvailabilityDocument = RoomTypeDocument | RoomNightDocument;

export function roomTypeDocumentId(roomTypeId: number): string {
  return `room_type:${roomTypeId}`;
}

export function roomNightDocumentId(roomTypeId: number, night: string): string {
  return `night:${roomTypeId}:${night}`;
}

export function availabilityDocumentId(document: AvailabilityDocument): string {
  return document.kind === 'room_type' ? roomTypeDocumentId(document.room_type_id) : roomNightDocumentId(document.room_type_id, document.night);
}

/** Explicit and strict like the hotels' (hotel-document.ts), with its single-node settings; core field types only. */
export const availabilityIndexDefinition = {
  settings: hotelIndexDefinition.settings,
  mappings: {
    dynamic: 'strict',
    properties: {
      kind: { type: 'keyword' },
      room_type_id: { type: 'long' },
      hotel_id: { type: 'long' },
      capacity: { type: 'integer' },
      nightly_price_minor: { type: 'long' },
      currency: { type: 'keyword' },
      night: { type: 'date', format: 'strict_date' },
      available: { type: 'integer' },
    },
  },
} as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type AvailabilityMappingCoversDocuments = Assert<Same<keyof typeof availabilityIndexDefinition.mappings.properties, keyof RoomTypeDocument | keyof RoomNightDocument>>;
