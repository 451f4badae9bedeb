/** The booking client and the device's own bookings the booking pages share. */
import { createBookingClient } from './booking-client.ts';
import { createMyBookings } from './my-bookings.ts';

export const bookings = createBookingClient();
export const myBookings = createMyBookings();
