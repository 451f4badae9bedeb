/**
 * What the orchestrator (scripts/) and the front end may know of the booking service: the
 * saga's states and steps as the `bookings` and `booking_steps` rows hold them
 * (saga/saga-state.ts), for the console's saga panel and the golden-path trace, which read
 * those rows; and the shapes its public API answers — a booking as its guest reads it and a
 * hotel's rooms for a stay (GET /api/hotels/:id/rooms).
 */
import { finalStates, type CancelReason, type SagaState, type SagaStep } from './saga-state.ts';

export { finalStates, type CancelReason, type SagaState, type SagaStep };
export type { BookingView, StepView } from './booking-view.ts';
export type { HotelRooms, RoomTypeOffer } from './rooms-handler.ts';

/** Every state in the order a saga meets them: forward, then the way back. */
export const SAGA_STATES = ['HOLDING', 'AUTHORIZING', 'CONFIRMING_HOLD', 'CAPTURING', 'CONFIRMED', 'COMPENSATING', 'CANCELLED'] as const satisfies readonly SagaState[];

// A state added to SagaState and not listed above fails to compile here.
const everyState: Record<Exclude<SagaState, (typeof SAGA_STATES)[number]>, never> = {};
void everyState;

/** The steps that undo (compensations), and the guest's cancel that starts them from CONFIRMED. */
export const COMPENSATION_STEPS: ReadonlySet<string> = new Set<SagaStep | 'cancel'>(['void_payment', 'refund_payment', 'release_hold', 'cancel']);
