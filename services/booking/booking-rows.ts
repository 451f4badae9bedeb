/**
 * The bookings row as SQL reads it and as the saga and the guest see it. Dates come back as
 * strings (DATE_FORMAT), timestamps as Dates in UTC (the pool's session time zone is UTC).
 */
import type { CancelReason, Saga, SagaState, SagaStep } from './saga-state.ts';
import type { BookingView, StepView } from './booking-view.ts';

export const bookingColumns = `id, number, pin_hash, idempotency_key, request_hash, hotel_id, room_type_id,
  DATE_FORMAT(check_in, '%Y-%m-%d') AS check_in, DATE_FORMAT(check_out, '%Y-%m-%d') AS check_out, guests, guest_name,
  guest_email, total_minor, currency, card_token, state, step, reason, step_deadline, version, created_at, updated_at`;

export interface BookingRow {
  id: string;
  number: string;
  pin_hash: string;
  idempotency_key: string;
  request_hash: string;
  hotel_id: number | string;
  room_type_id: number | string;
  check_in: string;
  check_out: string;
  guests: number;
  guest_name: string;
  guest_email: string;
  total_minor: number | string;
  currency: string;
  card_token: string;
  state: string;
  step: string;
  reason: string | null;
  step_deadline: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface StepRow {
  seq: number;
  step: string;
  outcome: string;
  participant: string;
  at: Date;
}

export function rowToSaga(row: BookingRow): Saga {
  return {
    booking: {
      id: row.id,
      roomTypeId: Number(row.room_type_id),
      checkIn: row.check_in,
      checkOut: row.check_out,
      totalMinor: Number(row.total_minor),
      currency: row.currency,
      cardToken: row.card_token,
    },
    state: row.state as SagaState,
    step: row.step as SagaStep,
    reason: row.reason as CancelReason | null,
    stepDeadline: row.step_deadline,
    version: row.version,
  };
}

export function rowToView(row: BookingRow, steps: StepRow[]): BookingView {
  return {
    number: row.number,
    state: row.state as SagaState,
    step: row.step as SagaStep,
    reason: row.reason as CancelReason | null,
    hotelId: Number(row.hotel_id),
    roomTypeId: Number(row.room_type_id),
    checkIn: row.check_in,
    checkOut: row.check_out,
    guests: row.guests,
    guest: { name: row.guest_name, email: row.guest_email },
    total: { amountMinor: Number(row.total_minor), currency: row.currency },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    steps: steps.map((step): StepView => ({ seq: step.seq, step: step.step, outcome: step.outcome, participant: step.participant, at: step.at.toISOString() })),
  };
}
