/**
 * What the API and the saga need of the bookings database. The MySQL adapters implement it
 * (mysql-booking-store.ts, mysql-saga-repository.ts); unit tests use an in-memory fake.
 */
import type { Decision } from './orchestrator.ts';
import type { Saga, SagaBooking } from './saga-state.ts';
import type { BookingView } from './booking-view.ts';

export interface NewBooking extends SagaBooking {
  number: string;
  pinHash: string;
  idempotencyKey: string;
  requestHash: string;
  hotelId: number;
  guests: number;
  guestName: string;
  guestEmail: string;
}

export type Transition = Extract<Decision, { kind: 'transition' }>;

export type CreateOutcome = { kind: 'created' } | { kind: 'key_taken' } | { kind: 'number_taken' };

export interface BookingStore {
  /** The booking row, its first step and its first command, in one transaction. */
  create(booking: NewBooking, start: Transition, now: Date): Promise<CreateOutcome>;
  findByIdempotencyKey(key: string): Promise<{ requestHash: string; view: BookingView } | undefined>;
  /**
   * The id and the PIN's hash for the caller to check, undefined for an unknown number: one
   * query either way, so a lookup takes as long for a number that exists as for one that does not.
   */
  findByNumber(number: string): Promise<{ bookingId: string; pinHash: string } | undefined>;
  /** The booking as the guest reads it, once the PIN matched. */
  view(bookingId: string): Promise<BookingView | undefined>;
  ping(): Promise<void>;
}

export type TransitionOutcome = 'applied' | 'ignored' | 'duplicate' | 'stale' | 'unknown_booking';

export interface SagaRepository {
  /**
   * One transaction: the message id into the inbox (a duplicate changes nothing), the saga read,
   * `decide` asked, and a transition applied at the version it was decided on: the bookings row,
   * one booking_steps row, the commands into the outbox. 'stale' when another transition won the
   * version in between: nothing was written, the caller decides again.
   */
  transition(bookingId: string, messageId: string | undefined, decide: (saga: Saga) => Decision, now: Date): Promise<TransitionOutcome>;
  /** Ids of sagas whose step deadline has passed, oldest first. */
  overdue(now: Date, limit: number): Promise<string[]>;
}
