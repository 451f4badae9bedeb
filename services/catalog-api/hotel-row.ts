/**
 * The hotel as the API returns it (same field names as the search documents),
 * built from a MySQL row. Timestamps are selected as UNIX_TIMESTAMP(...) so they
 * do not depend on the session time zone, and turned into ISO-8601 UTC here.
 */
export interface Hotel {
  id: number;
  name: string;
  city: string;
  stars: number;
  description: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface HotelRow {
  id: number | string;
  name: string;
  city: string;
  stars: number;
  description: string | null;
  version: number | string;
  created_epoch: string | number;
  updated_epoch: string | number;
}

export const hotelColumns =
  'id, name, city, stars, description, version, ' +
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
