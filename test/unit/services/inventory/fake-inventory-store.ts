/** An in-memory InventoryStore: room types and free rooms per night, as the tables hold them. */
import type { InventoryStore, RoomType, StockedNights } from '../../../../services/inventory/inventory-store.ts';

export function fakeInventoryStore(roomTypes: RoomType[], available: Record<number, Record<string, number>>): InventoryStore {
  return {
    roomType: async (hotelId, id) => roomTypes.find((r) => r.id === id && r.hotelId === hotelId),
    roomTypes: async (hotelId) => roomTypes.filter((r) => r.hotelId === hotelId),
    async stockedNights(ids, checkIn, checkOut) {
      const stocked = new Map<number, StockedNights>();
      for (const id of ids) {
        const nights = Object.entries(available[id] ?? {}).filter(([night]) => night >= checkIn && night < checkOut);
        if (nights.length > 0) stocked.set(id, { nights: nights.length, fewestAvailable: Math.min(...nights.map(([, free]) => free)) });
      }
      return stocked;
    },
    ping: async () => {},
  };
}
