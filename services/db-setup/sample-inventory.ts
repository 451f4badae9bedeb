/**
 * The sample room inventory (issue 20): every sample hotel gets two or three room
 * types, each with rooms free on every night of the next SAMPLE_INVENTORY_DAYS from the
 * day db-setup loads it. Generated, not a fixed SQL file, because the nights start
 * today. Deterministic from the hotel id, so two stacks (and the tests) agree on names,
 * capacities, room counts and prices. Pure: db-setup's SQL lives in service-databases.ts.
 */
import { sampleHotelsOfSql } from '../lib/sample-hotels.ts';
import { checksum, type AppliedRecord } from './setup-files.ts';

export const SAMPLE_INVENTORY_DAYS = 365;

export interface SampleRoomType {
  hotelId: number;
  name: string;
  capacity: number;
  roomCount: number;
  nightlyPriceMinor: number;
  currency: string;
}

const ROOM_KINDS = [
  { name: 'Double Room', capacity: 2, priceMinor: 9_500 },
  { name: 'Twin Room', capacity: 2, priceMinor: 9_000 },
  { name: 'Family Suite', capacity: 4, priceMinor: 18_500 },
  { name: 'Single Room', capacity: 1, priceMinor: 6_500 },
] as const;

/** The catalog's sample hotels are ids 1..N, N the rows of mysql/sample-data/hotels.sql. */
export function sampleHotelIds(hotelsSql: string): number[] {
  return sampleHotelsOfSql(hotelsSql).map((hotel) => hotel.id);
}

/** Odd hotel ids get three room types, even ones two; kinds, room counts and prices vary with the id. */
export function sampleRoomTypes(hotelId: number): SampleRoomType[] {
  const count = 2 + (hotelId % 2);
  return Array.from({ length: count }, (_, index) => {
    const kind = ROOM_KINDS[(hotelId + index) % ROOM_KINDS.length]!;
    return {
      hotelId,
      name: kind.name,
      capacity: kind.capacity,
      roomCount: 4 + ((hotelId * 3 + index * 5) % 9),
      nightlyPriceMinor: kind.priceMinor + (hotelId % 5) * 500,
      currency: 'EUR',
    };
  });
}

/** `days` nights from `today` (YYYY-MM-DD, the database server's date), as YYYY-MM-DD. */
export function nightsFrom(today: string, days = SAMPLE_INVENTORY_DAYS): string[] {
  const start = Date.parse(`${today}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(start)) throw new Error(`"${today}" is not a date like 2026-01-31`);
  return Array.from({ length: days }, (_, day) => new Date(start + day * 86_400_000).toISOString().slice(0, 10));
}

/** Its record in the inventory database's schema_migrations; the checksum covers the room types, not the day. */
export function sampleInventoryRecord(roomTypes: SampleRoomType[]): AppliedRecord {
  return { name: 'sample-data/room-inventory', checksum: checksum(JSON.stringify(roomTypes)) };
}
