import { describe, expect, it } from 'vitest';
import type { BookingRow, SagaRows, StepRow } from '../../../scripts/lib/console/saga-reader.ts';
import { sagaView } from '../../../scripts/lib/console/saga-view.ts';

const NOW = Date.parse('2026-12-07T10:00:00.000Z');
const BOUND_MS = 120_000;

function booking(number: string, state: string, createdAgoMs: number, extra: Partial<BookingRow> = {}): BookingRow {
  return {
    id: `id-${number}`,
    number,
    hotelId: 1,
    roomTypeId: 2,
    checkIn: '2027-09-01',
    checkOut: '2027-09-02',
    guests: 1,
    totalMinor: 12_000,
    currency: 'EUR',
    state,
    step: state === 'CONFIRMED' || state === 'CANCELLED' ? 'done' : 'hold_rooms',
    reason: null,
    createdAtMs: NOW - createdAgoMs,
    updatedAtMs: NOW - createdAgoMs,
    ...extra,
  };
}

/** Steps at the given offsets (ms) after the booking's creation. */
function steps(of: BookingRow, rows: Array<[step: string, outcome: string, participant: string, afterMs: number]>): StepRow[] {
  return rows.map(([step, outcome, participant, afterMs], i) => ({ bookingId: of.id, seq: i + 1, step, outcome, participant, atMs: of.createdAtMs + afterMs }));
}

function rows(bookings: BookingRow[], stepRows: StepRow[] = [], countsByState: Record<string, number> = {}): SagaRows {
  return { serverNowMs: NOW, countsByState, bookings, steps: stepRows };
}

describe('sagaView', () => {
  it('counts bookings by state in the saga’s order, with zeros, an unknown state last', () => {
    const view = sagaView(rows([], [], { CANCELLED: 2, CONFIRMED: 5, HOLDING: 1, PAUSED: 3 }), { staleAfterMs: BOUND_MS });
    expect(view.counts.map((c) => [c.state, c.count])).toEqual([
      ['HOLDING', 1],
      ['AUTHORIZING', 0],
      ['CONFIRMING_HOLD', 0],
      ['CAPTURING', 0],
      ['CONFIRMED', 5],
      ['COMPENSATING', 0],
      ['CANCELLED', 2],
      ['PAUSED', 3],
    ]);
    expect(view.counts.filter((c) => c.finished).map((c) => c.state)).toEqual(['CONFIRMED', 'CANCELLED']);
    expect(view.total).toBe(11);
    expect(view.staleAfterS).toBe(120);
  });

  it('times each step since the one before (the first since the booking was created), and a finished saga as a whole', () => {
    const confirmed = booking('0000000001', 'CONFIRMED', 60_000, { updatedAtMs: NOW - 60_000 + 640 });
    const view = sagaView(
      rows([confirmed], steps(confirmed, [
        ['hold_rooms', 'requested', 'booking', 0],
        ['hold_rooms', 'RoomsHeld', 'inventory', 120],
        ['authorize_payment', 'PaymentAuthorized', 'payment', 300],
        ['confirm_hold', 'HoldConfirmed', 'inventory', 450],
        ['capture_payment', 'PaymentCaptured', 'payment', 640],
      ])),
      { staleAfterMs: BOUND_MS },
    );
    const [b] = view.bookings;
    expect(b!.timeline.map((s) => [s.step, s.participant, s.tookMs])).toEqual([
      ['hold_rooms', 'booking', 0],
      ['hold_rooms', 'inventory', 120],
      ['authorize_payment', 'payment', 180],
      ['confirm_hold', 'inventory', 150],
      ['capture_payment', 'payment', 190],
    ]);
    expect(b!.timeline.every((s) => !s.compensation && s.reason === null)).toBe(true);
    expect(b).toMatchObject({ finished: true, overdue: false, durationMs: 640, ageMs: 60_000, total: { amountMinor: 12_000, currency: 'EUR' } });
    expect(b!.timeline[1]!.at).toBe(new Date(confirmed.createdAtMs + 120).toISOString());
  });

  it('gives the reason on the row that turned the saga back and on each compensation', () => {
    const declined = booking('0000000002', 'CANCELLED', 5_000, { reason: 'payment_declined' });
    const view = sagaView(
      rows([declined], steps(declined, [
        ['hold_rooms', 'requested', 'booking', 0],
        ['hold_rooms', 'RoomsHeld', 'inventory', 100],
        ['authorize_payment', 'PaymentDeclined', 'payment', 200],
        ['release_hold', 'HoldReleased', 'inventory', 300],
      ])),
      { staleAfterMs: BOUND_MS },
    );
    expect(view.bookings[0]!.timeline.map((s) => [s.outcome, s.compensation, s.reason])).toEqual([
      ['requested', false, null],
      ['RoomsHeld', false, null],
      ['PaymentDeclined', false, 'payment_declined'],
      ['HoldReleased', true, 'payment_declined'],
    ]);
  });

  it("marks a refusal with nothing to undo, a guest's cancel and a late fact compensated again", () => {
    const soldOut = booking('0000000003', 'CANCELLED', 5_000, { reason: 'sold_out' });
    const guest = booking('0000000004', 'CANCELLED', 6_000, { reason: 'guest_cancelled' });
    const late = booking('0000000005', 'CANCELLED', 7_000, { reason: 'timeout' });
    const view = sagaView(
      rows([soldOut, guest, late], [
        ...steps(soldOut, [['hold_rooms', 'requested', 'booking', 0], ['hold_rooms', 'HoldRefused', 'inventory', 50]]),
        ...steps(guest, [
          ['capture_payment', 'PaymentCaptured', 'payment', 10],
          ['cancel', 'guest_cancel', 'guest', 20],
          ['refund_payment', 'PaymentRefunded', 'payment', 30],
          ['release_hold', 'HoldReleased', 'inventory', 40],
        ]),
        ...steps(late, [['release_hold', 'HoldReleased', 'inventory', 10], ['done', 'late_RoomsHeld', 'inventory', 20]]),
      ]),
      { staleAfterMs: BOUND_MS },
    );
    const of = (number: string) => view.bookings.find((b) => b.number === number)!.timeline.map((s) => [s.outcome, s.compensation, s.reason]);
    expect(of('0000000003')).toEqual([['requested', false, null], ['HoldRefused', false, 'sold_out']]);
    expect(of('0000000004')).toEqual([
      ['PaymentCaptured', false, null],
      ['guest_cancel', true, 'guest_cancelled'],
      ['PaymentRefunded', true, 'guest_cancelled'],
      ['HoldReleased', true, 'guest_cancelled'],
    ]);
    expect(of('0000000005')).toEqual([['HoldReleased', true, 'timeout'], ['late_RoomsHeld', true, 'timeout']]);
  });

  it('highlights a saga not finished after the bound, and lists those first, oldest first', () => {
    const fresh = booking('0000000010', 'AUTHORIZING', 2_000);
    const atBound = booking('0000000011', 'HOLDING', BOUND_MS);
    const stuck = booking('0000000012', 'COMPENSATING', BOUND_MS + 1);
    const stuckLonger = booking('0000000013', 'CAPTURING', 10 * BOUND_MS);
    const oldButDone = booking('0000000014', 'CONFIRMED', 100 * BOUND_MS);
    const view = sagaView(rows([fresh, atBound, stuck, oldButDone, stuckLonger]), { staleAfterMs: BOUND_MS });
    expect(view.bookings.map((b) => [b.number, b.overdue])).toEqual([
      ['0000000013', true],
      ['0000000012', true],
      ['0000000010', false],
      ['0000000011', false],
      ['0000000014', false],
    ]);
    expect(view.overdue).toBe(2);
    expect(view.bookings.find((b) => b.number === '0000000013')!.durationMs).toBeNull();
  });

  it('narrows to the booking asked for by number', () => {
    const a = booking('0000000020', 'CONFIRMED', 1_000);
    const b = booking('0000000021', 'HOLDING', 1_000);
    expect(sagaView(rows([a, b]), { staleAfterMs: BOUND_MS, number: '0000000021' }).bookings.map((x) => x.number)).toEqual(['0000000021']);
    expect(sagaView(rows([a, b]), { staleAfterMs: BOUND_MS, number: '' }).bookings).toHaveLength(2);
    expect(sagaView(rows([a]), { staleAfterMs: BOUND_MS, number: '9999999999' })).toMatchObject({ bookings: [], number: '9999999999' });
  });

  it('has no field for a PIN or its hash', () => {
    const view = sagaView(rows([booking('0000000030', 'CONFIRMED', 1_000)]), { staleAfterMs: BOUND_MS });
    expect(JSON.stringify(view)).not.toMatch(/pin/i);
  });
});
