/**
 * A booking read again and again while its saga runs (GET /api/bookings/:number with the PIN),
 * so the page shows each step as it happens; it stops once the booking is CONFIRMED or
 * CANCELLED, and `restart()` follows it again (after a cancel). The next read starts when the
 * previous one has answered (never two in flight). A read that fails keeps the last booking
 * shown and tries again, slower; a 404 (wrong PIN or number) stops.
 */
import * as React from 'react';
import { ApiError } from './api-error.ts';
import type { BookingView } from './booking-client.ts';

export const POLL_MS = 500;
const RETRY_MS = 2_000;

export interface BookingPoll {
  booking?: BookingView;
  error?: ApiError | Error;
  restart: () => void;
  /** Show an answer already in hand (the cancel's) without waiting for the next read. */
  show: (booking: BookingView) => void;
}

export function useBookingPoll(read: () => Promise<BookingView>, deps: React.DependencyList): BookingPoll {
  const [booking, setBooking] = React.useState<BookingView>();
  const [error, setError] = React.useState<ApiError | Error>();
  const [round, setRound] = React.useState(0);
  React.useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = await read();
        if (!active) return;
        setBooking(next);
        setError(undefined);
        if (next.state !== 'CONFIRMED' && next.state !== 'CANCELLED') timer = setTimeout(tick, POLL_MS);
      } catch (caught) {
        if (!active) return;
        const failure = caught instanceof Error ? caught : new Error(String(caught));
        setError(failure);
        if (!(failure instanceof ApiError && failure.status === 404)) timer = setTimeout(tick, RETRY_MS);
      }
    };
    void tick();
    return () => {
      active = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  return { booking, error, restart: () => setRound((n) => n + 1), show: setBooking };
}
