/** A booking as its guest reads it (GET /api/bookings/:number): never the card token or the PIN. */
import type { BookingInput } from './booking-input.ts';
import type { CancelReason, SagaState, SagaStep } from './saga-state.ts';

export interface StepView {
  seq: number;
  step: string;
  outcome: string;
  participant: string;
  at: string;
}

/** What the guest asked for (without the card), then what the booking became. */
export interface BookingView extends Omit<BookingInput, 'card'> {
  number: string;
  state: SagaState;
  step: SagaStep;
  reason: CancelReason | null;
  total: { amountMinor: number; currency: string };
  createdAt: string;
  updatedAt: string;
  steps: StepView[];
}

const stepSchema = {
  type: 'object',
  required: ['seq', 'step', 'outcome', 'participant', 'at'],
  properties: { seq: { type: 'integer' }, step: { type: 'string' }, outcome: { type: 'string' }, participant: { type: 'string' }, at: { type: 'string' } },
} as const;

/** The answer's schema: Fastify serializes with it, so a field not listed here never leaves. */
export const bookingViewSchema = {
  type: 'object',
  required: ['number', 'state', 'step', 'reason', 'hotelId', 'roomTypeId', 'checkIn', 'checkOut', 'guests', 'guest', 'total', 'steps'],
  properties: {
    number: { type: 'string' },
    pin: { type: 'string' },
    state: { type: 'string' },
    step: { type: 'string' },
    reason: { type: ['string', 'null'] },
    hotelId: { type: 'integer' },
    roomTypeId: { type: 'integer' },
    checkIn: { type: 'string' },
    checkOut: { type: 'string' },
    guests: { type: 'integer' },
    guest: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' } } },
    total: { type: 'object', properties: { amountMinor: { type: 'integer' }, currency: { type: 'string' } } },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    steps: { type: 'array', items: stepSchema },
  },
} as const;
