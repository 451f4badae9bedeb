/**
 * A booking's saga as the guest reads it (the page polls GET /api/bookings/:number): where it
 * stands, the four steps to CONFIRMED with their progress, what happened so far in plain
 * words (the service's step records), the reason of a cancel, and whether the room came back
 * on sale and the money came back. Pure: the booking in, the view out.
 */
import type { BookingView } from '../../../services/booking/contract.ts';

export type Phase = 'in_progress' | 'confirmed' | 'cancelling' | 'cancelled';
export type ProgressStatus = 'done' | 'current' | 'pending' | 'failed';

export interface ProgressStep {
  step: 'hold_rooms' | 'authorize_payment' | 'confirm_hold' | 'capture_payment';
  label: string;
  status: ProgressStatus;
}

export interface SagaEvent {
  seq: number;
  label: string;
  /** `undo`: a compensation (void, refund, release); `failed`: what stopped the booking. */
  tone: 'done' | 'failed' | 'undo' | 'info';
  participant: string;
  at: string;
}

export interface SagaViewModel {
  phase: Phase;
  headline: string;
  /** What the saga is doing now, while it is not finished. */
  now?: string;
  /** Why it was cancelled, in plain words. */
  reason?: string;
  progress: ProgressStep[];
  events: SagaEvent[];
  roomsCameBack: boolean;
  refunded: boolean;
  /** The card was declined or its authorization voided: nothing was taken. */
  nothingCharged: boolean;
  canCancel: boolean;
  isFinal: boolean;
}

const forward: Array<{ step: ProgressStep['step']; label: string; done: string; refusals: string[] }> = [
  { step: 'hold_rooms', label: 'Hold a room', done: 'RoomsHeld', refusals: ['HoldRefused'] },
  { step: 'authorize_payment', label: 'Authorize the card', done: 'PaymentAuthorized', refusals: ['PaymentDeclined'] },
  { step: 'confirm_hold', label: 'Confirm the room', done: 'HoldConfirmed', refusals: ['HoldConfirmRefused'] },
  { step: 'capture_payment', label: 'Take the payment', done: 'PaymentCaptured', refusals: [] },
];

const doingNow: Record<string, string> = {
  hold_rooms: 'Holding a room for your dates…',
  authorize_payment: 'Authorizing your card…',
  confirm_hold: 'Confirming the room…',
  capture_payment: 'Taking the payment…',
  void_payment: 'Voiding the card authorization…',
  refund_payment: 'Refunding your payment…',
  release_hold: 'Putting the room back on sale…',
};

const reasons: Record<string, string> = {
  sold_out: 'No room of this type was free for every night of your stay.',
  unknown_room_type: 'The hotel no longer sells this room type.',
  payment_declined: 'Your card was declined.',
  payment_timeout: 'Your card took too long to answer.',
  hold_expired: 'The room was held for too long before the payment finished, so it was released.',
  timeout: 'The hotel’s system did not answer in time.',
  guest_cancelled: 'You cancelled this booking.',
};

const eventLabels: Record<string, { label: string; tone: SagaEvent['tone'] }> = {
  requested: { label: 'Booking received', tone: 'info' },
  RoomsHeld: { label: 'Room held for you', tone: 'done' },
  PaymentAuthorized: { label: 'Card authorized', tone: 'done' },
  HoldConfirmed: { label: 'Room confirmed', tone: 'done' },
  PaymentCaptured: { label: 'Payment taken', tone: 'done' },
  HoldRefused: { label: 'No room free for these dates', tone: 'failed' },
  PaymentDeclined: { label: 'Card declined', tone: 'failed' },
  HoldConfirmRefused: { label: 'The room hold had expired', tone: 'failed' },
  deadline_passed: { label: 'A step took too long', tone: 'failed' },
  guest_cancel: { label: 'You asked to cancel', tone: 'info' },
  PaymentVoided: { label: 'Card authorization voided: nothing charged', tone: 'undo' },
  PaymentRefunded: { label: 'Payment refunded', tone: 'undo' },
  HoldReleased: { label: 'Room released: it is back on sale', tone: 'undo' },
};

/** The reason in words; an unknown code is shown as it is rather than hidden. */
export function reasonText(reason: string | null): string | undefined {
  if (reason === null) return undefined;
  return reasons[reason] ?? `Cancelled (${reason}).`;
}

export function sagaView(booking: Pick<BookingView, 'state' | 'step' | 'reason' | 'steps'>): SagaViewModel {
  const outcomes = new Set(booking.steps.map((s) => s.outcome));
  const isFinal = booking.state === 'CONFIRMED' || booking.state === 'CANCELLED';
  const phase: Phase =
    booking.state === 'CONFIRMED' ? 'confirmed' : booking.state === 'CANCELLED' ? 'cancelled' : booking.state === 'COMPENSATING' ? 'cancelling' : 'in_progress';
  // A deadline passed on a forward step fails that step.
  const timedOut = new Set(booking.steps.filter((s) => s.outcome === 'deadline_passed').map((s) => s.step));
  const stopped = phase === 'cancelling' || phase === 'cancelled';
  const progress = forward.map(({ step, label, done, refusals }): ProgressStep => {
    if (outcomes.has(done)) return { step, label, status: 'done' };
    if (refusals.some((r) => outcomes.has(r)) || timedOut.has(step)) return { step, label, status: 'failed' };
    if (!stopped && booking.step === step) return { step, label, status: 'current' };
    return { step, label, status: 'pending' };
  });
  const events = booking.steps.map((s): SagaEvent => {
    const known = eventLabels[s.outcome] ?? (s.outcome.startsWith('late_') ? { label: 'A late answer was undone', tone: 'info' as const } : { label: s.outcome, tone: 'info' as const });
    return { seq: s.seq, label: known.label, tone: known.tone, participant: s.participant, at: s.at };
  });
  const refunded = outcomes.has('PaymentRefunded');
  return {
    phase,
    headline: { in_progress: 'Booking in progress', confirmed: 'Booking confirmed', cancelling: 'Cancelling', cancelled: 'Booking cancelled' }[phase],
    now: isFinal ? undefined : doingNow[booking.step],
    reason: reasonText(booking.reason),
    progress,
    events,
    roomsCameBack: outcomes.has('HoldReleased'),
    refunded,
    nothingCharged: !refunded && (outcomes.has('PaymentVoided') || outcomes.has('PaymentDeclined')),
    canCancel: booking.state === 'CONFIRMED',
    isFinal,
  };
}
