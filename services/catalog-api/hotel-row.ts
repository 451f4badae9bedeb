/**
 * The hotel as the API returns it (same field names as the search documents),
 * built from a MySQL row. Timestamps are selected as UNIX_TIMESTAMP(...) so they
 * do not depend on the session time zone, and turned into ISO-8601 UTC here.
 */
import { HOTEL_INPUT_FIELDS, type Hotel, type HotelInput } from '../lib/hotel.ts';

export type { Hotel };

/** mysql2 hands BIGINT and DECIMAL columns over as strings. */
export type HotelRow = HotelInput & {
  id: number | string;
  version: number | string;
  created_epoch: string | number;
  updated_epoch: string | number;
};

export const hotelColumns =
  `id, ${HOTEL_INPUT_FIELDS.join(', ')}, version, ` +
  'UNIX_TIMESTAMP(created_at) AS created_epoch, UNIX_TIMESTAMP(updated_at) AS updated_epoch';

export function rowToHotel(row: HotelRow): Hotel {
  return {
    id: Number(row.id),
    name: row.name,
    city: row.city,
    stars: Number(row.stars),
    description: row.description ?? null,
    version: Number(row.version),
    created_at: epochSecondsToIso(row.created_epoch),
    updated_at: epochSecondsToIso(row.updated_epoch),
  };
}

function epochSecondsToIso(value: string | number): string {
  return new Date(Math.round(Number(value) * 1000)).toISOString();
}
