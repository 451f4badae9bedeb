/**
 * The API's shapes, imported as types from the services that produce them, so the
 * page and catalog-api cannot drift apart (type-only: nothing of services/ reaches
 * the bundle).
 */
import type { ApiInfo, DatabaseEngine, FieldError } from '../../../services/catalog-api/contract.ts';
import type { Hotel as StoredHotel, HotelDocument } from '../../../services/lib/contract.ts';

export type { ApiInfo, DatabaseEngine, FieldError };

/** A hotel read by id, or a search hit (the index has no city_key for readers; timestamps may be null). */
export type Hotel = StoredHotel | Omit<HotelDocument, 'city_key'>;

/** What a date search adds to each hit (BOOKING-UI.md): the stay and its lowest total. */
export interface StayOffer {
  checkIn: string;
  checkOut: string;
  nights: number;
  guests: number;
  lowestTotal: { amountMinor: number; currency: string };
  roomTypeId: number;
}

export type SearchHit = Omit<HotelDocument, 'city_key'> & { stay?: StayOffer };

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** What the form sends; `stars` may be anything the user typed: the API judges it. */
export interface HotelDraft {
  name: string;
  city: string;
  stars: string;
  description: string;
}
