/**
 * GET /api/hotels/:id/rooms through Fastify's inject with a fake inventory: the stay's
 * rules as 400 fields (snake_case, the query's names), an unknown hotel as 404, sold-out
 * room types listed with 0, cheapest first, totals in the booking API's money shape,
 * never cached, and an unreachable inventory as 503.
 */
import { describe, expect, it } from 'vitest';
import { buildBookingApp } from '../../../../services/booking/app.ts';
import type { BookingHandlers } from '../../../../services/booking/booking-handlers.ts';
import { ParticipantUnavailableError, type AvailabilityRequest, type AvailabilityResult } from '../../../../services/booking/participants.ts';
import { createRoomsHandler } from '../../../../services/booking/rooms-handler.ts';
import { createLogger } from '../../../../services/kit/logger.ts';

const now = new Date('2026-12-07T10:00:00.000Z');

function setup(answer: AvailabilityResult | Error) {
  const asked: AvailabilityRequest[] = [];
  const rooms = createRoomsHandler({
    rooms: {
      availability: async (request) => {
        asked.push(request);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
    now: () => now,
  });
  const log = createLogger({ service: 'booking' }, { write: () => {} });
  const app = buildBookingApp({ handlers: {} as BookingHandlers, rooms, serviceName: 'booking-test', corsOrigins: [], log, isDraining: () => false, readiness: async () => ({ status: 200 }) });
  return { asked, get: (url: string) => app.inject({ method: 'GET', url }) };
}

const hotelRooms: AvailabilityResult = {
  kind: 'rooms',
  roomTypes: [
    { roomTypeId: 7, name: 'Suite', capacity: 4, roomsLeft: 0, nights: 3, totalMinor: 90_000, currency: 'EUR' },
    { roomTypeId: 5, name: 'Double', capacity: 2, roomsLeft: 3, nights: 3, totalMinor: 36_000, currency: 'EUR' },
  ],
};

describe('GET /api/hotels/:id/rooms', () => {
  it('lists the room types for the stay, cheapest first, sold out ones with 0', async () => {
    const { get, asked } = setup(hotelRooms);
    const response = await get('/api/hotels/3/rooms?check_in=2026-12-20&check_out=2026-12-23&guests=2');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      hotelId: 3,
      checkIn: '2026-12-20',
      checkOut: '2026-12-23',
      nights: 3,
      guests: 2,
      roomTypes: [
        { id: 5, name: 'Double', capacity: 2, available: 3, total: { amountMinor: 36_000, currency: 'EUR' } },
        { id: 7, name: 'Suite', capacity: 4, available: 0, total: { amountMinor: 90_000, currency: 'EUR' } },
      ],
    });
    expect(asked).toEqual([{ hotelId: 3, checkIn: '2026-12-20', checkOut: '2026-12-23', guests: 2 }]);
  });

  it('two guests when the query names none', async () => {
    const { get, asked } = setup(hotelRooms);
    expect((await get('/api/hotels/3/rooms?check_in=2026-12-20&check_out=2026-12-21')).statusCode).toBe(200);
    expect(asked[0]!.guests).toBe(2);
  });

  it('a bad stay is 400 naming the query fields, and inventory is not asked', async () => {
    const { get, asked } = setup(hotelRooms);
    const missing = await get('/api/hotels/3/rooms');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['check_in', 'check_out']);
    const past = await get('/api/hotels/3/rooms?check_in=2026-12-01&check_out=2026-12-03&guests=11');
    expect(past.json().error).toMatchObject({ code: 'validation_failed', fields: [{ field: 'check_in' }, { field: 'guests' }] });
    expect(asked).toEqual([]);
  });

  it('a hotel inventory sells nothing of is 404 hotel_not_found', async () => {
    const response = await setup({ kind: 'unknown_hotel' }).get('/api/hotels/999/rooms?check_in=2026-12-20&check_out=2026-12-21');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('hotel_not_found');
  });

  it('an id that is no id is 400', async () => {
    const response = await setup(hotelRooms).get('/api/hotels/0/rooms?check_in=2026-12-20&check_out=2026-12-21');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].field).toBe('id');
  });

  it('inventory not answering is 503', async () => {
    const response = await setup(new ParticipantUnavailableError('inventory', 'deadline exceeded')).get('/api/hotels/3/rooms?check_in=2026-12-20&check_out=2026-12-21');
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('dependency_unavailable');
  });
});
