/** In-memory bookings database for unit tests: the BookingStore and SagaRepository contracts. */
import type { Command } from '../../../../services/booking/saga-messages.ts';
import type { Saga } from '../../../../services/booking/saga-state.ts';
import type { BookingStore, NewBooking, SagaRepository } from '../../../../services/booking/booking-store.ts';
import type { BookingView, StepView } from '../../../../services/booking/booking-view.ts';

interface Row {
  booking: NewBooking;
  saga: Saga;
  steps: StepView[];
  createdAt: Date;
  updatedAt: Date;
}

export function fakeBookings() {
  const rows = new Map<string, Row>();
  const inbox = new Set<string>();
  const outbox: Array<Command & { bookingId: string }> = [];

  const view = (row: Row): BookingView => ({
    number: row.booking.number,
    state: row.saga.state,
    step: row.saga.step,
    reason: row.saga.reason,
    hotelId: row.booking.hotelId,
    roomTypeId: row.booking.roomTypeId,
    checkIn: row.booking.checkIn,
    checkOut: row.booking.checkOut,
    guests: row.booking.guests,
    guest: { name: row.booking.guestName, email: row.booking.guestEmail },
    total: { amountMinor: row.booking.totalMinor, currency: row.booking.currency },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    steps: row.steps,
  });
  const byNumber = (number: string) => [...rows.values()].find((row) => row.booking.number === number);

  const store: BookingStore = {
    async create(booking, start, now) {
      if ([...rows.values()].some((row) => row.booking.idempotencyKey === booking.idempotencyKey)) return { kind: 'key_taken' };
      if (byNumber(booking.number)) return { kind: 'number_taken' };
      const { number: _n, pinHash: _p, idempotencyKey: _k, requestHash: _h, hotelId: _i, guests: _g, guestName: _gn, guestEmail: _ge, ...sagaBooking } = booking;
      rows.set(booking.id, {
        booking,
        saga: { booking: sagaBooking, version: 0, ...start.next },
        steps: [{ seq: 1, ...start.record, at: now.toISOString() }],
        createdAt: now,
        updatedAt: now,
      });
      for (const command of start.commands) outbox.push({ ...command, bookingId: booking.id });
      return { kind: 'created' };
    },
    async findByIdempotencyKey(key) {
      const row = [...rows.values()].find((r) => r.booking.idempotencyKey === key);
      return row && { requestHash: row.booking.requestHash, view: view(row) };
    },
    async findByNumber(number) {
      const row = byNumber(number);
      return row && { bookingId: row.booking.id, pinHash: row.booking.pinHash };
    },
    async view(bookingId) {
      const row = rows.get(bookingId);
      return row && view(row);
    },
    async ping() {},
  };

  const repository: SagaRepository = {
    async transition(bookingId, messageId, decide, now) {
      if (messageId !== undefined && inbox.has(messageId)) return 'duplicate';
      const row = rows.get(bookingId);
      if (!row) return 'unknown_booking';
      const decision = decide(row.saga);
      if (messageId !== undefined) inbox.add(messageId);
      if (decision.kind === 'ignore') return 'ignored';
      row.saga = { ...row.saga, ...decision.next, version: row.saga.version + 1 };
      row.steps.push({ seq: row.steps.length + 1, ...decision.record, at: now.toISOString() });
      row.updatedAt = now;
      for (const command of decision.commands) outbox.push({ ...command, bookingId });
      return 'applied';
    },
    async overdue(now, limit) {
      return [...rows.values()]
        .filter((row) => row.saga.stepDeadline !== null && row.saga.stepDeadline <= now)
        .sort((a, b) => a.saga.stepDeadline!.getTime() - b.saga.stepDeadline!.getTime())
        .slice(0, limit)
        .map((row) => row.booking.id);
    },
  };

  return { store, repository, rows, outbox, inbox, sagaOf: (number: string) => byNumber(number)?.saga };
}
