/**
 * GET /api/hotels/:id/rooms?check_in=&check_out=&guests= (BOOKING-UI.md): a hotel's room
 * types for a stay, as inventory answers them live over gRPC (not the search index: this
 * is what the guest books from). Every room type that sleeps the guests is listed, a sold
 * out one with `available: 0`, so the page can say "sold out" rather than hide it.
 */
import { HttpError } from '../kit/http-error.ts';
import { parseStayQuery } from '../lib/stay-query.ts';
import type { RoomAvailability } from './participants.ts';

export interface RoomTypeOffer {
  id: number;
  name: string;
  capacity: number;
  /** The fewest rooms free over the stay's nights; 0 = sold out for these dates. */
  available: number;
  total: { amountMinor: number; currency: string };
}

export interface HotelRooms {
  hotelId: number;
  checkIn: string;
  checkOut: string;
  nights: number;
  guests: number;
  roomTypes: RoomTypeOffer[];
}

const money = { type: 'object', required: ['amountMinor', 'currency'], properties: { amountMinor: { type: 'integer' }, currency: { type: 'string' } } } as const;

/** The answer's schema: Fastify serializes with it. */
export const hotelRoomsSchema = {
  type: 'object',
  required: ['hotelId', 'checkIn', 'checkOut', 'nights', 'guests', 'roomTypes'],
  properties: {
    hotelId: { type: 'integer' },
    checkIn: { type: 'string' },
    checkOut: { type: 'string' },
    nights: { type: 'integer' },
    guests: { type: 'integer' },
    roomTypes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'capacity', 'available', 'total'],
        properties: { id: { type: 'integer' }, name: { type: 'string' }, capacity: { type: 'integer' }, available: { type: 'integer' }, total: money },
      },
    },
  },
} as const;

export function createRoomsHandler(deps: { rooms: RoomAvailability; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return async function hotelRooms(idText: string, query: URLSearchParams): Promise<HotelRooms> {
    const hotelId = Number(idText);
    if (!/^[0-9]{1,16}$/.test(idText) || !Number.isSafeInteger(hotelId) || hotelId < 1) {
      throw new HttpError(400, 'validation_failed', 'the hotel id is invalid', [{ field: 'id', message: `must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}` }]);
    }
    const parsed = parseStayQuery(query, now(), { required: true });
    if (!parsed.ok) throw new HttpError(400, 'validation_failed', 'the stay has invalid fields', parsed.fields);
    const stay = parsed.stay!;
    const answer = await deps.rooms.availability({ hotelId, checkIn: stay.checkIn, checkOut: stay.checkOut, guests: stay.guests });
    if (answer.kind === 'unknown_hotel') {
      throw new HttpError(404, 'hotel_not_found', `no rooms are sold for hotel ${hotelId}: it does not exist or has no room types in the inventory`);
    }
    const roomTypes = answer.roomTypes
      .map((room) => ({
        id: room.roomTypeId,
        name: room.name,
        capacity: room.capacity,
        available: room.roomsLeft,
        total: { amountMinor: room.totalMinor, currency: room.currency },
      }))
      // Cheapest first, as a guest compares them; the id keeps equal prices in a stable order.
      .sort((a, b) => a.total.amountMinor - b.total.amountMinor || a.id - b.id);
    return { hotelId, checkIn: stay.checkIn, checkOut: stay.checkOut, nights: stay.nights, guests: stay.guests, roomTypes };
  };
}

export type RoomsHandler = ReturnType<typeof createRoomsHandler>;
