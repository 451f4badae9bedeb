/**
 * The orchestrator as a pure function: a saga, an event (a participant's reply, the step
 * deadline passing, the guest cancelling) and the time → what to do. The repository applies a
 * decision in one transaction (bookings row at the decided-on version, one booking_steps row,
 * the commands in the outbox, the reply's id in the inbox); nothing here touches a database.
 *
 * Rules that keep every saga correct under redelivery and delay:
 * - a reply is acted on only in the step that waits for it; any other reply (a duplicate, or one
 *   for a step already passed) changes nothing;
 * - except a late *fact* that leaves something standing: rooms held or a payment authorized after
 *   the saga gave up on them. Then the matching compensation is sent again (ReleaseHold,
 *   VoidPayment) unless one is still on its way; participants answer a repeated compensation
 *   with the current fact, so this is always safe;
 * - before the pivot (the hold confirmed) a passed deadline compensates; after it, capture is
 *   retried, never undone: the room is confirmed and the authorization stands; only payment's
 *   fact that there is no authorization to capture (PaymentVoided, PaymentDeclined) releases the rooms;
 * - a compensation whose deadline passes is sent again: every saga reaches a final state once
 *   its participants answer.
 */
import { participantOf, type Command, type Participant, type Reply } from './saga-messages.ts';
import type { CancelReason, Saga, SagaPosition, SagaStep, StepTimeouts } from './saga-state.ts';

export type SagaEvent = { kind: 'reply'; reply: Reply } | { kind: 'deadline' } | { kind: 'guest_cancel' };

/** One booking_steps row: what happened to which step, said by whom. */
export interface StepRecord {
  step: SagaStep | 'cancel';
  /** The reply's type, `deadline_passed`, `requested`, `guest_cancel`, or `late_<ReplyType>` for a late fact compensated again. */
  outcome: string;
  participant: Participant | 'booking' | 'guest';
}

export type Decision =
  | { kind: 'transition'; next: SagaPosition; commands: Command[]; record: StepRecord }
  | { kind: 'ignore'; why: string };

/** The saga's first position and command, written with the booking row. */
export function startSaga(booking: Saga['booking'], now: Date, timeouts: StepTimeouts): Extract<Decision, { kind: 'transition' }> {
  return {
    kind: 'transition',
    next: { state: 'HOLDING', step: 'hold_rooms', reason: null, stepDeadline: deadline(now, 'hold_rooms', timeouts) },
    commands: [commandFor('hold_rooms', booking)],
    record: { step: 'hold_rooms', outcome: 'requested', participant: 'booking' },
  };
}

export function decide(saga: Saga, event: SagaEvent, now: Date, timeouts: StepTimeouts): Decision {
  switch (event.kind) {
    case 'reply':
      return onReply(saga, event.reply, now, timeouts);
    case 'deadline':
      return onDeadline(saga, now, timeouts);
    case 'guest_cancel':
      return onGuestCancel(saga, now, timeouts);
  }
}

function onReply(saga: Saga, reply: Reply, now: Date, timeouts: StepTimeouts): Decision {
  if (reply.bookingId !== saga.booking.id) return ignore(`${reply.type} is for booking ${reply.bookingId}, not ${saga.booking.id}`);
  const record: StepRecord = { step: saga.step, outcome: reply.type, participant: participantOf(reply.type) };
  const go = (step: SagaStep, reason: CancelReason | null = saga.reason) => moveTo(saga, step, reason, now, timeouts, record);

  switch (`${saga.step}:${reply.type}`) {
    case 'hold_rooms:RoomsHeld':
      return go('authorize_payment');
    case 'hold_rooms:HoldRefused':
      // Nothing was held: nothing to undo.
      return go('done', (reply as Extract<Reply, { type: 'HoldRefused' }>).reason);
    case 'authorize_payment:PaymentAuthorized':
      return go('confirm_hold');
    case 'authorize_payment:PaymentDeclined':
      return go('release_hold', 'payment_declined');
    case 'confirm_hold:HoldConfirmed':
      return go('capture_payment');
    case 'confirm_hold:HoldConfirmRefused':
      return go('void_payment', 'hold_expired');
    case 'capture_payment:PaymentCaptured':
      return go('done');
    case 'capture_payment:PaymentVoided':
    case 'capture_payment:PaymentDeclined':
      // Payment answers a capture of a payment it has no authorization for (vanished, voided,
      // declined) with that fact: no capture can ever succeed, and sending CapturePayment again
      // at every deadline would loop for ever. Nothing is held on the card: release the rooms.
      return go('release_hold', 'payment_declined');
    case 'void_payment:PaymentCaptured':
      // Payment answers a void of a captured payment with that fact: the money is taken, refund it.
      return go('refund_payment');
    case 'void_payment:PaymentVoided':
    case 'refund_payment:PaymentRefunded':
      return go('release_hold');
    case 'release_hold:HoldReleased':
      return go('done');
  }
  return lateFact(saga, reply, record) ?? ignore(`${reply.type} is not awaited in ${saga.state}/${saga.step}`);
}

/**
 * Rooms held or a payment authorized after the saga stopped waiting for them: undo it again,
 * unless that compensation is still ahead of the saga or on its way now.
 */
function lateFact(saga: Saga, reply: Reply, record: StepRecord): Decision | undefined {
  const givenUp = saga.state === 'CANCELLED' || saga.state === 'COMPENSATING';
  if (!givenUp) return undefined;
  const late = { ...record, outcome: `late_${reply.type}`.slice(0, 32) };
  const again = (command: Command): Decision => ({ kind: 'transition', next: position(saga), commands: [command], record: late });
  if ((reply.type === 'RoomsHeld' || reply.type === 'HoldConfirmed') && saga.state === 'CANCELLED') {
    return again(commandFor('release_hold', saga.booking));
  }
  if (reply.type === 'PaymentAuthorized' && (saga.state === 'CANCELLED' || saga.step === 'release_hold')) {
    return again(commandFor('void_payment', saga.booking));
  }
  return undefined;
}

function onDeadline(saga: Saga, now: Date, timeouts: StepTimeouts): Decision {
  if (saga.stepDeadline === null) return ignore(`${saga.state} has no step deadline`);
  if (saga.stepDeadline.getTime() > now.getTime()) return ignore(`the deadline of ${saga.step} has not passed`);
  const record: StepRecord = { step: saga.step, outcome: 'deadline_passed', participant: 'booking' };
  switch (saga.step) {
    case 'hold_rooms':
      // The hold may still be made: release it (inventory handles HoldRooms first, same partition).
      return moveTo(saga, 'release_hold', 'timeout', now, timeouts, record);
    case 'authorize_payment':
      return moveTo(saga, 'void_payment', 'payment_timeout', now, timeouts, record);
    case 'confirm_hold':
      return moveTo(saga, 'void_payment', 'timeout', now, timeouts, record);
    default:
      // Past the pivot, and every compensation: send the same command again, wait again.
      return moveTo(saga, saga.step, saga.reason, now, timeouts, record);
  }
}

function onGuestCancel(saga: Saga, now: Date, timeouts: StepTimeouts): Decision {
  if (saga.state !== 'CONFIRMED') return ignore(`a guest can cancel a CONFIRMED booking, not one ${saga.state}`);
  // Reverse of the forward path: the capture was last, so refund first, then release.
  return moveTo(saga, 'refund_payment', 'guest_cancelled', now, timeouts, { step: 'cancel', outcome: 'guest_cancel', participant: 'guest' });
}

const forwardState = {
  hold_rooms: 'HOLDING',
  authorize_payment: 'AUTHORIZING',
  confirm_hold: 'CONFIRMING_HOLD',
  capture_payment: 'CAPTURING',
} as const;

function moveTo(saga: Saga, step: SagaStep, reason: CancelReason | null, now: Date, timeouts: StepTimeouts, record: StepRecord): Decision {
  const state = step === 'done' ? (reason === null ? 'CONFIRMED' : 'CANCELLED') : step in forwardState ? forwardState[step as keyof typeof forwardState] : 'COMPENSATING';
  return {
    kind: 'transition',
    next: { state, step, reason, stepDeadline: step === 'done' ? null : deadline(now, step, timeouts) },
    commands: step === 'done' ? [] : [commandFor(step, saga.booking)],
    record,
  };
}

function commandFor(step: Exclude<SagaStep, 'done'>, booking: Saga['booking']): Command {
  const bookingId = booking.id;
  switch (step) {
    case 'hold_rooms':
      return { type: 'HoldRooms', payload: { bookingId, roomTypeId: booking.roomTypeId, checkIn: booking.checkIn, checkOut: booking.checkOut, rooms: 1 } };
    case 'authorize_payment':
      return { type: 'AuthorizePayment', payload: { bookingId, cardToken: booking.cardToken, amountMinor: booking.totalMinor, currency: booking.currency } };
    case 'confirm_hold':
      return { type: 'ConfirmHold', payload: { bookingId } };
    case 'capture_payment':
      return { type: 'CapturePayment', payload: { bookingId } };
    case 'void_payment':
      return { type: 'VoidPayment', payload: { bookingId } };
    case 'refund_payment':
      return { type: 'RefundPayment', payload: { bookingId } };
    case 'release_hold':
      return { type: 'ReleaseHold', payload: { bookingId } };
  }
}

function deadline(now: Date, step: SagaStep, timeouts: StepTimeouts): Date {
  return new Date(now.getTime() + (step === 'authorize_payment' ? timeouts.authorizeMs : timeouts.stepMs));
}

function position(saga: Saga): SagaPosition {
  return { state: saga.state, step: saga.step, reason: saga.reason, stepDeadline: saga.stepDeadline };
}

function ignore(why: string): Decision {
  return { kind: 'ignore', why };
}
