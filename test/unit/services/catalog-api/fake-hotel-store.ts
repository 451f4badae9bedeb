import type { HotelInput } from '../../../../services/catalog-api/hotel-input.ts';
import type { Hotel } from '../../../../services/catalog-api/hotel-row.ts';
import type { HotelStore } from '../../../../services/catalog-api/hotel-store.ts';

/** An in-memory HotelStore that bumps `version` like the MySQL trigger does. */
export function fakeHotelStore(): HotelStore & { hotels: Map<number, Hotel> } {
  const hotels = new Map<number, Hotel>();
  let nextId = 1;
  const stamp = '2026-01-01T00:00:00.000Z';
  return {
    hotels,
    async create(input: HotelInput) {
      const hotel = { id: nextId++, ...input, version: 1, created_at: stamp, updated_at: stamp };
      hotels.set(hotel.id, hotel);
      return hotel;
    },
    async get(id) {
      return hotels.get(id);
    },
    async replace(id, input) {
      const current = hotels.get(id);
      if (!current) return undefined;
      const next = { ...current, ...input, version: current.version + 1 };
      hotels.set(id, next);
      return next;
    },
    async remove(id) {
      return hotels.delete(id);
    },
    async ping() {},
  };
}
