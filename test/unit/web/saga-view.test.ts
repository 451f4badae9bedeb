/** The saga as the guest reads it (web/src/lib/saga-view.ts), from the step records the service keeps. */
import { describe, expect, it } from 'vitest';
import { reasonText, sagaView } from '../../../web/src/lib/saga-view.ts';
import type { BookingView } from '../../../web/src/lib/booking-client.ts';

type Saga = Pick<BookingView, 'state' | 'step' | 'reason' | 'steps'>;
const at = '2026-12-07T10:00:00.000Z';
const steps = (...records: Array<[string, string, string]>) =>
  records.map(([step, outcome, participant], i) => ({ seq: i + 1, step, outcome, participant, at }));
const statuses = (saga: Saga) => sagaView(saga).progress.map((p) => p.status);

describe('sagaView', () => {
  it('in flight: the steps done, the one under way, what it is doing now', () => {
    const saga: Saga = { state: 'AUTHORIZING', step: 'authorize_payment', reason: null, steps: steps(['hold_rooms', 'requested', 'booking'], ['hold_rooms', 'RoomsHeld', 'inventory']) };
    const view = sagaView(saga);
    expect(view).toMatchObject({ phase: 'in_progress', now: 'Authorizing your card…', isFinal: false, canCancel: false, roomsCameBack: false });
    expect(statuses(saga)).toEqual(['done', 'current', 'pending', 'pending']);
    expect(view.events.map((e) => e.label)).toEqual(['Booking received', 'Room held for you']);
  });

  it('confirmed: every step done, cancel offered', () => {
    const saga: Saga = {
      state: 'CONFIRMED',
      step: 'done',
      reason: null,
      steps: steps(['hold_rooms', 'requested', 'booking'], ['hold_rooms', 'RoomsHeld', 'inventory'], ['authorize_payment', 'PaymentAuthorized', 'payment'], ['confirm_hold', 'HoldConfirmed', 'inventory'], ['capture_payment', 'PaymentCaptured', 'payment']),
    };
    expect(sagaView(saga)).toMatchObject({ phase: 'confirmed', headline: 'Booking confirmed', now: undefined, canCancel: true, isFinal: true });
    expect(statuses(saga)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('declined: the card step failed, the reason in words, nothing charged, the room came back', () => {
    const saga: Saga = {
      state: 'CANCELLED',
      step: 'done',
      reason: 'payment_declined',
      steps: steps(['hold_rooms', 'requested', 'booking'], ['hold_rooms', 'RoomsHeld', 'inventory'], ['authorize_payment', 'PaymentDeclined', 'payment'], ['release_hold', 'HoldReleased', 'inventory']),
    };
    const view = sagaView(saga);
    expect(view).toMatchObject({ phase: 'cancelled', reason: 'Your card was declined.', nothingCharged: true, refunded: false, roomsCameBack: true, canCancel: false });
    expect(statuses(saga)).toEqual(['done', 'failed', 'pending', 'pending']);
    expect(view.events.map((e) => e.tone)).toEqual(['info', 'done', 'failed', 'undo']);
  });

  it('too slow: the deadline fails the card step; while compensating nothing is "under way" forward', () => {
    const saga: Saga = {
      state: 'COMPENSATING',
      step: 'void_payment',
      reason: 'payment_timeout',
      steps: steps(['hold_rooms', 'requested', 'booking'], ['hold_rooms', 'RoomsHeld', 'inventory'], ['authorize_payment', 'deadline_passed', 'booking']),
    };
    expect(sagaView(saga)).toMatchObject({ phase: 'cancelling', now: 'Voiding the card authorization…', roomsCameBack: false });
    expect(statuses(saga)).toEqual(['done', 'failed', 'pending', 'pending']);
  });

  it("the guest's cancel: refunded, then released; no step failed", () => {
    const confirmed = steps(['hold_rooms', 'requested', 'booking'], ['hold_rooms', 'RoomsHeld', 'inventory'], ['authorize_payment', 'PaymentAuthorized', 'payment'], ['confirm_hold', 'HoldConfirmed', 'inventory'], ['capture_payment', 'PaymentCaptured', 'payment']);
    const refunding: Saga = { state: 'COMPENSATING', step: 'refund_payment', reason: 'guest_cancelled', steps: [...confirmed, { seq: 6, step: 'cancel', outcome: 'guest_cancel', participant: 'guest', at }] };
    expect(sagaView(refunding)).toMatchObject({ phase: 'cancelling', now: 'Refunding your payment…', refunded: false });
    const done: Saga = {
      state: 'CANCELLED',
      step: 'done',
      reason: 'guest_cancelled',
      steps: [...refunding.steps, { seq: 7, step: 'refund_payment', outcome: 'PaymentRefunded', participant: 'payment', at }, { seq: 8, step: 'release_hold', outcome: 'HoldReleased', participant: 'inventory', at }],
    };
    expect(sagaView(done)).toMatchObject({ phase: 'cancelled', reason: 'You cancelled this booking.', refunded: true, nothingCharged: false, roomsCameBack: true });
    expect(statuses(done)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('sold out: the hold failed and nothing was held to come back', () => {
    const saga: Saga = { state: 'CANCELLED', step: 'done', reason: 'sold_out', steps: steps(['hold_rooms', 'requested', 'booking'], ['hold_rooms', 'HoldRefused', 'inventory']) };
    expect(sagaView(saga)).toMatchObject({ reason: 'No room of this type was free for every night of your stay.', roomsCameBack: false });
    expect(statuses(saga)[0]).toBe('failed');
  });

  it('every reason the service has reads as words; an unknown one is shown, not hidden', () => {
    for (const reason of ['sold_out', 'unknown_room_type', 'payment_declined', 'payment_timeout', 'hold_expired', 'timeout', 'guest_cancelled']) {
      expect(reasonText(reason)).not.toContain(reason);
    }
    expect(reasonText('new_reason')).toBe('Cancelled (new_reason).');
    expect(reasonText(null)).toBeUndefined();
  });
});
