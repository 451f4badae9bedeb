/**
 * What the front end (and the orchestrator) may know of the booking service: the shapes its
 * public API answers — a booking as its guest reads it, the saga's states and reasons, and a
 * hotel's rooms for a stay (GET /api/hotels/:id/rooms). Types only.
 */
export type { BookingView, StepView } from './store/booking-view.ts';
export type { CancelReason, SagaState, SagaStep } from './saga/saga-state.ts';
export type { HotelRooms, RoomTypeOffer } from './api/rooms-handler.ts';
