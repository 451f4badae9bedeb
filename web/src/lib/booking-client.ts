/**
 * The page's client of the booking service (through HAProxy, same origin): a hotel's rooms
 * for a stay, a new booking under one Idempotency-Key per attempt, a booking read and
 * cancelled with its PIN. The PIN travels only in the X-Booking-Pin header of these two
 * calls, never in an address (so no log, history or Referer holds it).
 */
import type { BookingView, HotelRooms } from '../../../services/booking/contract.ts';
import { createJsonCall, type Fetch } from './api-client.ts';
import { stayParams, type Stay } from './stay.ts';

export type { BookingView, HotelRooms };

/** The first answer to a booking: the only one that carries the PIN. */
export type NewBooking = BookingView & { pin?: string };

export interface BookingRequest extends Stay {
  hotelId: number;
  roomTypeId: number;
  guest: { name: string; email: string };
  card: { number: string; expiryMonth: number; expiryYear: number; cvc: string };
}

export interface BookingClient {
  rooms(hotelId: number, stay: Stay): Promise<HotelRooms>;
  book(request: BookingRequest, idempotencyKey: string): Promise<NewBooking>;
  get(number: string, pin: string): Promise<BookingView>;
  cancel(number: string, pin: string): Promise<BookingView>;
}

export function createBookingClient(fetchFn?: Fetch, base = ''): BookingClient {
  const call = createJsonCall(fetchFn, base);
  const numberPath = (number: string) => `/api/bookings/${encodeURIComponent(number)}`;
  return {
    rooms: (hotelId, stay) => call<HotelRooms>('GET', `/api/hotels/${hotelId}/rooms?${stayParams(stay)}`),
    book: (request, key) => call<NewBooking>('POST', '/api/bookings', request, { 'Idempotency-Key': key }),
    get: (number, pin) => call<BookingView>('GET', numberPath(number), undefined, { 'X-Booking-Pin': pin }),
    // The service takes writes with a JSON body only: the cancel sends {}.
    cancel: (number, pin) => call<BookingView>('POST', `${numberPath(number)}/cancel`, {}, { 'X-Booking-Pin': pin }),
  };
}
