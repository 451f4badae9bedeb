/**
 * A room type's quote for a stay, from what the store says of its nights: it is
 * available when every night of the stay has a row with at least one room free
 * (a night without a row is beyond the loaded inventory: nothing to sell), rooms_left
 * is the fewest free over the nights, the total is nights x the nightly price.
 */
import type { RoomType, StockedNights } from './inventory-store.ts';
import type { Stay } from './stay.ts';

export interface Quote {
  roomTypeId: number;
  available: boolean;
  roomsLeft: number;
  nights: number;
  totalMinor: number;
  currency: string;
  roomTypeName: string;
  capacity: number;
}

export function quoteOf(roomType: RoomType, stocked: StockedNights | undefined, stay: Stay): Quote {
  const everyNightStocked = stocked !== undefined && stocked.nights === stay.nights;
  const roomsLeft = everyNightStocked ? Math.max(0, stocked.fewestAvailable) : 0;
  return {
    roomTypeId: roomType.id,
    available: roomsLeft > 0,
    roomsLeft,
    nights: stay.nights,
    totalMinor: stay.nights * roomType.nightlyPriceMinor,
    currency: roomType.currency,
    roomTypeName: roomType.name,
    capacity: roomType.capacity,
  };
}
