/**
 * What the orchestrator knows of one booking's saga: the `bookings` row's saga columns
 * (state, step, reason, step_deadline, version) and the booking facts its commands carry.
 *
 * States, forward: HOLDING → AUTHORIZING → CONFIRMING_HOLD → CAPTURING → CONFIRMED.
 * On a refusal or a passed step deadline the saga enters COMPENSATING and undoes, in reverse
 * order, one compensation at a time (void or refund the payment, then release the hold),
 * each confirmed by its participant's reply before the next; then CANCELLED with the reason.
 * CONFIRMED and CANCELLED are final: they have no step deadline.
 */
export type SagaState = 'HOLDING' | 'AUTHORIZING' | 'CONFIRMING_HOLD' | 'CAPTURING' | 'CONFIRMED' | 'COMPENSATING' | 'CANCELLED';

/** The step under way; `done` in a final state. */
export type SagaStep =
  | 'hold_rooms'
  | 'authorize_payment'
  | 'confirm_hold'
  | 'capture_payment'
  | 'void_payment'
  | 'refund_payment'
  | 'release_hold'
  | 'done';

export type CancelReason =
  | 'sold_out'
  | 'unknown_room_type'
  | 'payment_declined'
  | 'payment_timeout'
  | 'hold_expired'
  | 'timeout'
  | 'guest_cancelled';

export const finalStates: ReadonlySet<SagaState> = new Set(['CONFIRMED', 'CANCELLED']);

/** The booking facts the saga's commands carry. */
export interface SagaBooking {
  id: string;
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
  totalMinor: number;
  currency: string;
  cardToken: string;
}

export interface SagaPosition {
  state: SagaState;
  step: SagaStep;
  reason: CancelReason | null;
  /** When the step under way times out; null in a final state. */
  stepDeadline: Date | null;
}

export interface Saga extends SagaPosition {
  booking: SagaBooking;
  /** Optimistic lock: a transition applies only to the version it was decided on. */
  version: number;
}

/** How long each step may wait for its reply before the sweeper moves the saga on. */
export interface StepTimeouts {
  /** hold_rooms, confirm_hold, capture_payment and every compensation. */
  stepMs: number;
  /** authorize_payment: a card slower than this is voided (reason payment_timeout). */
  authorizeMs: number;
}
