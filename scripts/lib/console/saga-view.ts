/**
 * The saga panel's view model, a pure function of what saga-reader.ts read: bookings by
 * state, each booking's timeline (who answered each step and how long it took, why it
 * compensated), and the sagas not finished after the bound (the bound of verify:bookings,
 * stale-bound.ts) marked overdue and listed first. Unit-tested with plain rows.
 */
import { COMPENSATION_STEPS, finalStates, SAGA_STATES, type SagaState } from '../../../services/booking/contract.ts';
import type { BookingRow, SagaRows, StepRow } from './saga-reader.ts';

export interface TimelineStep {
  seq: number;
  /** The step the saga was in when this happened (`cancel` for a guest's cancel). */
  step: string;
  /** The participant's reply, `requested`, `deadline_passed`, `guest_cancel` or `late_<Reply>`. */
  outcome: string;
  participant: string;
  at: string;
  /** Since the previous row (the first: since the booking was created). */
  tookMs: number;
  /** An undo (void, refund, release) or the guest's cancel that starts them. */
  compensation: boolean;
  /** The booking's reason, on the row that turned the saga back and on each compensation. */
  reason: string | null;
}

export interface SagaBookingView extends Pick<BookingRow, 'number' | 'hotelId' | 'roomTypeId' | 'checkIn' | 'checkOut' | 'guests' | 'state' | 'step' | 'reason'> {
  total: { amountMinor: number; currency: string };
  finished: boolean;
  /** Not finished and older than the bound: a saga that should have ended by now. */
  overdue: boolean;
  createdAt: string;
  /** Since created, by the database's clock. */
  ageMs: number;
  /** Created to its last transition, once finished (null while it runs). */
  durationMs: number | null;
  timeline: TimelineStep[];
}

export interface SagaPanelView {
  staleAfterS: number;
  serverNow: string;
  /** Every state in the saga's order, with zeros; a state the console does not know comes last. */
  counts: Array<{ state: string; count: number; finished: boolean }>;
  total: number;
  /** Overdue among the listed bookings (every unfinished one up to the reader's cap). */
  overdue: number;
  /** Overdue first (oldest first), then the newest first; only the one asked for when a number is given. */
  bookings: SagaBookingView[];
  /** The number asked for, when there is one. */
  number: string | null;
}

export interface SagaViewOptions {
  staleAfterMs: number;
  number?: string | undefined;
}

const isFinal = (state: string) => finalStates.has(state as SagaState);

export function sagaView(rows: SagaRows, { staleAfterMs, number }: SagaViewOptions): SagaPanelView {
  const stepsOf = groupSteps(rows.steps);
  const all = rows.bookings.map((booking) => bookingView(booking, stepsOf.get(booking.id) ?? [], rows.serverNowMs, staleAfterMs));
  const overdue = all.filter((b) => b.overdue).sort((a, b) => b.ageMs - a.ageMs);
  const others = all.filter((b) => !b.overdue).sort((a, b) => a.ageMs - b.ageMs);
  const wanted = number === undefined || number === '' ? undefined : number;
  const known = new Set<string>(SAGA_STATES);
  const states = [...SAGA_STATES, ...Object.keys(rows.countsByState).filter((s) => !known.has(s)).sort()];
  return {
    staleAfterS: staleAfterMs / 1000,
    serverNow: new Date(rows.serverNowMs).toISOString(),
    counts: states.map((state) => ({ state, count: rows.countsByState[state] ?? 0, finished: isFinal(state) })),
    total: Object.values(rows.countsByState).reduce((sum, n) => sum + n, 0),
    overdue: overdue.length,
    bookings: [...overdue, ...others].filter((b) => wanted === undefined || b.number === wanted),
    number: wanted ?? null,
  };
}

function groupSteps(steps: StepRow[]): Map<string, StepRow[]> {
  const byBooking = new Map<string, StepRow[]>();
  for (const step of steps) byBooking.set(step.bookingId, [...(byBooking.get(step.bookingId) ?? []), step]);
  for (const list of byBooking.values()) list.sort((a, b) => a.seq - b.seq);
  return byBooking;
}

function bookingView(booking: BookingRow, steps: StepRow[], nowMs: number, staleAfterMs: number): SagaBookingView {
  const finished = isFinal(booking.state);
  const ageMs = Math.max(0, nowMs - booking.createdAtMs);
  return {
    number: booking.number,
    hotelId: booking.hotelId,
    roomTypeId: booking.roomTypeId,
    checkIn: booking.checkIn,
    checkOut: booking.checkOut,
    guests: booking.guests,
    total: { amountMinor: booking.totalMinor, currency: booking.currency },
    state: booking.state,
    step: booking.step,
    reason: booking.reason,
    finished,
    // The rule of verify:bookings (check-books.ts): older than the bound, by the server's clock.
    overdue: !finished && ageMs > staleAfterMs,
    createdAt: new Date(booking.createdAtMs).toISOString(),
    ageMs,
    durationMs: finished ? Math.max(0, booking.updatedAtMs - booking.createdAtMs) : null,
    timeline: timeline(booking, steps),
  };
}

function timeline(booking: BookingRow, steps: StepRow[]): TimelineStep[] {
  // A late fact compensated again (`late_RoomsHeld` → ReleaseHold once more) is an undo too.
  const compensation = (row: StepRow | undefined) => row !== undefined && (COMPENSATION_STEPS.has(row.step) || row.outcome.startsWith('late_'));
  return steps.map((row, i) => {
    const previousMs = i === 0 ? booking.createdAtMs : steps[i - 1]!.atMs;
    const next = steps[i + 1];
    // The row that turned the saga back: a refusal or a passed deadline the next row undoes, or
    // the last row of a cancelled saga (a refusal with nothing to undo). A guest's cancel is
    // its own row: the capture before it turned nothing.
    const turning = !compensation(row) && ((compensation(next) && next!.step !== 'cancel') || (next === undefined && booking.state === 'CANCELLED'));
    return {
      seq: row.seq,
      step: row.step,
      outcome: row.outcome,
      participant: row.participant,
      at: new Date(row.atMs).toISOString(),
      tookMs: Math.max(0, row.atMs - previousMs),
      compensation: compensation(row),
      reason: compensation(row) || turning ? booking.reason : null,
    };
  });
}
