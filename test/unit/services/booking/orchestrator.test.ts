/**
 * The orchestrator, exhaustively: every position a saga can be in × every reply, the deadline
 * and the guest's cancel, against one table written from SAGA-DESIGN.md; then the sequences
 * that matter (the happy path, duplicates, late replies, a slow card).
 */
import { describe, expect, it } from 'vitest';
import { replyTypes, type Reply, type ReplyType } from '../../../../services/booking/saga-messages.ts';
import { decide, startSaga, type Decision, type SagaEvent } from '../../../../services/booking/orchestrator.ts';
import type { CancelReason, Saga, SagaState, SagaStep } from '../../../../services/booking/saga-state.ts';

const timeouts = { stepMs: 10_000, authorizeMs: 3_000 };
const t0 = new Date('2026-12-07T10:00:00.000Z');
const booking = {
  id: 'b6f1c8a2-0000-4000-8000-000000000001',
  roomTypeId: 7,
  checkIn: '2027-01-10',
  checkOut: '2027-01-12',
  totalMinor: 24_000,
  currency: 'EUR',
  cardToken: 'c0ffee00-0000-4000-8000-000000000002',
};

function sagaAt(state: SagaState, step: SagaStep, reason: CancelReason | null = null): Saga {
  const final = state === 'CONFIRMED' || state === 'CANCELLED';
  return { booking, version: 3, state, step, reason, stepDeadline: final ? null : new Date(t0.getTime() + 1_000) };
}

function replyOf(type: ReplyType, bookingId = booking.id): Reply {
  switch (type) {
    case 'RoomsHeld':
      return { type, bookingId, expiresAt: '2026-12-07T10:15:00.000Z' };
    case 'HoldRefused':
      return { type, bookingId, reason: 'sold_out' };
    case 'HoldConfirmRefused':
      return { type, bookingId, reason: 'hold_expired' };
    case 'PaymentDeclined':
      return { type, bookingId, reason: 'payment_declined' };
    case 'PaymentCaptured':
    case 'PaymentRefunded':
      return { type, bookingId, amountMinor: booking.totalMinor };
    default:
      return { type, bookingId } as Reply;
  }
}

/** Every position a saga can be in (state/step/reason). */
const positions: Array<[SagaState, SagaStep, CancelReason | null]> = [
  ['HOLDING', 'hold_rooms', null],
  ['AUTHORIZING', 'authorize_payment', null],
  ['CONFIRMING_HOLD', 'confirm_hold', null],
  ['CAPTURING', 'capture_payment', null],
  ['CONFIRMED', 'done', null],
  ['COMPENSATING', 'void_payment', 'payment_timeout'],
  ['COMPENSATING', 'refund_payment', 'guest_cancelled'],
  ['COMPENSATING', 'release_hold', 'payment_declined'],
  ['CANCELLED', 'done', 'timeout'],
];

type Expected = 'ignore' | { to: [SagaState, SagaStep, CancelReason | null]; send: string[] };
const key = (state: SagaState, step: SagaStep, event: string) => `${state}/${step} + ${event}`;

/** The saga of SAGA-DESIGN.md; every combination not listed here is ignored. */
const expected: Record<string, Expected> = {
  [key('HOLDING', 'hold_rooms', 'RoomsHeld')]: { to: ['AUTHORIZING', 'authorize_payment', null], send: ['AuthorizePayment'] },
  [key('HOLDING', 'hold_rooms', 'HoldRefused')]: { to: ['CANCELLED', 'done', 'sold_out'], send: [] },
  [key('HOLDING', 'hold_rooms', 'deadline')]: { to: ['COMPENSATING', 'release_hold', 'timeout'], send: ['ReleaseHold'] },
  [key('AUTHORIZING', 'authorize_payment', 'PaymentAuthorized')]: { to: ['CONFIRMING_HOLD', 'confirm_hold', null], send: ['ConfirmHold'] },
  [key('AUTHORIZING', 'authorize_payment', 'PaymentDeclined')]: { to: ['COMPENSATING', 'release_hold', 'payment_declined'], send: ['ReleaseHold'] },
  [key('AUTHORIZING', 'authorize_payment', 'deadline')]: { to: ['COMPENSATING', 'void_payment', 'payment_timeout'], send: ['VoidPayment'] },
  [key('CONFIRMING_HOLD', 'confirm_hold', 'HoldConfirmed')]: { to: ['CAPTURING', 'capture_payment', null], send: ['CapturePayment'] },
  [key('CONFIRMING_HOLD', 'confirm_hold', 'HoldConfirmRefused')]: { to: ['COMPENSATING', 'void_payment', 'hold_expired'], send: ['VoidPayment'] },
  [key('CONFIRMING_HOLD', 'confirm_hold', 'deadline')]: { to: ['COMPENSATING', 'void_payment', 'timeout'], send: ['VoidPayment'] },
  [key('CAPTURING', 'capture_payment', 'PaymentCaptured')]: { to: ['CONFIRMED', 'done', null], send: [] },
  // No authorization to capture (the payment vanished, was voided or declined): a terminal fact, release the rooms.
  [key('CAPTURING', 'capture_payment', 'PaymentVoided')]: { to: ['COMPENSATING', 'release_hold', 'payment_declined'], send: ['ReleaseHold'] },
  [key('CAPTURING', 'capture_payment', 'PaymentDeclined')]: { to: ['COMPENSATING', 'release_hold', 'payment_declined'], send: ['ReleaseHold'] },
  // Past the pivot: capture again, never undo.
  [key('CAPTURING', 'capture_payment', 'deadline')]: { to: ['CAPTURING', 'capture_payment', null], send: ['CapturePayment'] },
  [key('CONFIRMED', 'done', 'guest_cancel')]: { to: ['COMPENSATING', 'refund_payment', 'guest_cancelled'], send: ['RefundPayment'] },
  [key('COMPENSATING', 'void_payment', 'PaymentVoided')]: { to: ['COMPENSATING', 'release_hold', 'payment_timeout'], send: ['ReleaseHold'] },
  [key('COMPENSATING', 'void_payment', 'PaymentCaptured')]: { to: ['COMPENSATING', 'refund_payment', 'payment_timeout'], send: ['RefundPayment'] },
  [key('COMPENSATING', 'void_payment', 'deadline')]: { to: ['COMPENSATING', 'void_payment', 'payment_timeout'], send: ['VoidPayment'] },
  [key('COMPENSATING', 'refund_payment', 'PaymentRefunded')]: { to: ['COMPENSATING', 'release_hold', 'guest_cancelled'], send: ['ReleaseHold'] },
  [key('COMPENSATING', 'refund_payment', 'deadline')]: { to: ['COMPENSATING', 'refund_payment', 'guest_cancelled'], send: ['RefundPayment'] },
  [key('COMPENSATING', 'release_hold', 'HoldReleased')]: { to: ['CANCELLED', 'done', 'payment_declined'], send: [] },
  [key('COMPENSATING', 'release_hold', 'deadline')]: { to: ['COMPENSATING', 'release_hold', 'payment_declined'], send: ['ReleaseHold'] },
  // Late facts: the saga gave up on them and nothing undoing them is ahead or on its way.
  [key('COMPENSATING', 'release_hold', 'PaymentAuthorized')]: { to: ['COMPENSATING', 'release_hold', 'payment_declined'], send: ['VoidPayment'] },
  [key('CANCELLED', 'done', 'RoomsHeld')]: { to: ['CANCELLED', 'done', 'timeout'], send: ['ReleaseHold'] },
  [key('CANCELLED', 'done', 'HoldConfirmed')]: { to: ['CANCELLED', 'done', 'timeout'], send: ['ReleaseHold'] },
  [key('CANCELLED', 'done', 'PaymentAuthorized')]: { to: ['CANCELLED', 'done', 'timeout'], send: ['VoidPayment'] },
};

const events: Array<[string, SagaEvent]> = [
  ...replyTypes.map((type): [string, SagaEvent] => [type, { kind: 'reply', reply: replyOf(type) }]),
  ['deadline', { kind: 'deadline' }],
  ['guest_cancel', { kind: 'guest_cancel' }],
];

const afterDeadline = new Date(t0.getTime() + 1_000);

describe('every position × every event', () => {
  const cases = positions.flatMap(([state, step, reason]) => events.map(([name, event]) => ({ state, step, reason, name, event })));

  it('covers 9 positions × 12 events, and the table names only real combinations', () => {
    expect(cases).toHaveLength(9 * 12);
    const real = new Set(cases.map((c) => key(c.state, c.step, c.name)));
    expect(Object.keys(expected).filter((k) => !real.has(k))).toEqual([]);
  });

  it.each(cases)('$state/$step + $name', ({ state, step, reason, name, event }) => {
    const saga = sagaAt(state, step, reason);
    const decision = decide(saga, event, afterDeadline, timeouts);
    const want = expected[key(state, step, name)] ?? 'ignore';
    if (want === 'ignore') {
      expect(decision.kind).toBe('ignore');
      return;
    }
    expect(decision.kind).toBe('transition');
    if (decision.kind !== 'transition') return;
    expect([decision.next.state, decision.next.step, decision.next.reason]).toEqual(want.to);
    expect(decision.commands.map((c) => c.type)).toEqual(want.send);
    for (const command of decision.commands) expect(command.payload.bookingId).toBe(booking.id);
    // A final state has no deadline; any other step waits at most its timeout from now.
    if (decision.next.step === 'done') expect(decision.next.stepDeadline).toBeNull();
    else if (decision.next.state === state && decision.next.step === step && name !== 'deadline') {
      expect(decision.next.stepDeadline).toEqual(saga.stepDeadline);
    } else {
      const wait = decision.next.step === 'authorize_payment' ? timeouts.authorizeMs : timeouts.stepMs;
      expect(decision.next.stepDeadline).toEqual(new Date(afterDeadline.getTime() + wait));
    }
    expect(decision.record.outcome.length).toBeLessThanOrEqual(32);
  });
});

function apply(saga: Saga, decision: Decision): Saga {
  return decision.kind === 'transition' ? { ...saga, ...decision.next, version: saga.version + 1 } : saga;
}

function run(saga: Saga, steps: Array<SagaEvent | ReplyType>, at = t0) {
  const log: Decision[] = [];
  for (const step of steps) {
    const event: SagaEvent = typeof step === 'string' ? { kind: 'reply', reply: replyOf(step) } : step;
    const decision = decide(saga, event, at, timeouts);
    log.push(decision);
    saga = apply(saga, decision);
  }
  return { saga, log };
}

function started(): Saga {
  const start = startSaga(booking, t0, timeouts);
  return { booking, version: 0, ...start.next };
}

describe('sequences', () => {
  it('starts HOLDING with HoldRooms for one room of the booked nights', () => {
    const start = startSaga(booking, t0, timeouts);
    expect(start.next).toEqual({ state: 'HOLDING', step: 'hold_rooms', reason: null, stepDeadline: new Date(t0.getTime() + timeouts.stepMs) });
    expect(start.commands).toEqual([
      { type: 'HoldRooms', payload: { bookingId: booking.id, roomTypeId: 7, checkIn: '2027-01-10', checkOut: '2027-01-12', rooms: 1 } },
    ]);
    expect(start.record).toEqual({ step: 'hold_rooms', outcome: 'requested', participant: 'booking' });
  });

  it('the happy path sends each command once and ends CONFIRMED, with the authorization for the total', () => {
    const { saga, log } = run(started(), ['RoomsHeld', 'PaymentAuthorized', 'HoldConfirmed', 'PaymentCaptured']);
    expect(saga).toMatchObject({ state: 'CONFIRMED', step: 'done', reason: null, stepDeadline: null });
    expect(log.flatMap((d) => (d.kind === 'transition' ? d.commands : []))).toEqual([
      { type: 'AuthorizePayment', payload: { bookingId: booking.id, cardToken: booking.cardToken, amountMinor: 24_000, currency: 'EUR' } },
      { type: 'ConfirmHold', payload: { bookingId: booking.id } },
      { type: 'CapturePayment', payload: { bookingId: booking.id } },
    ]);
    expect(log.map((d) => (d.kind === 'transition' ? d.record : undefined))).toEqual([
      { step: 'hold_rooms', outcome: 'RoomsHeld', participant: 'inventory' },
      { step: 'authorize_payment', outcome: 'PaymentAuthorized', participant: 'payment' },
      { step: 'confirm_hold', outcome: 'HoldConfirmed', participant: 'inventory' },
      { step: 'capture_payment', outcome: 'PaymentCaptured', participant: 'payment' },
    ]);
  });

  it('a reply delivered twice acts once: the second changes nothing', () => {
    const { saga, log } = run(started(), ['RoomsHeld', 'RoomsHeld', 'PaymentAuthorized', 'RoomsHeld', 'PaymentAuthorized']);
    expect(log.map((d) => d.kind)).toEqual(['transition', 'ignore', 'transition', 'ignore', 'ignore']);
    expect(saga.state).toBe('CONFIRMING_HOLD');
  });

  it('a slow card: the authorization deadline voids, then releases, then CANCELLED payment_timeout; the late authorization is voided again', () => {
    const authorizing = run(started(), ['RoomsHeld']).saga;
    const late = new Date(t0.getTime() + timeouts.authorizeMs);
    const timedOut = decide(authorizing, { kind: 'deadline' }, late, timeouts);
    expect(timedOut).toMatchObject({ kind: 'transition', next: { state: 'COMPENSATING', step: 'void_payment', reason: 'payment_timeout' } });
    expect(timedOut.kind === 'transition' && timedOut.commands.map((c) => c.type)).toEqual(['VoidPayment']);
    // The authorization lands while the void is on its way: nothing more to send.
    const voiding = apply(authorizing, timedOut);
    expect(decide(voiding, { kind: 'reply', reply: replyOf('PaymentAuthorized') }, late, timeouts).kind).toBe('ignore');
    const { saga, log } = run(voiding, ['PaymentVoided', 'PaymentAuthorized', 'HoldReleased', 'PaymentAuthorized'], late);
    expect(saga).toMatchObject({ state: 'CANCELLED', step: 'done', reason: 'payment_timeout' });
    const sent = log.map((d) => (d.kind === 'transition' ? d.commands.map((c) => c.type) : 'ignored'));
    expect(sent).toEqual([['ReleaseHold'], ['VoidPayment'], [], ['VoidPayment']]);
  });

  it('a refused hold cancels at once with its reason and sends nothing', () => {
    const { saga, log } = run(started(), ['HoldRefused']);
    expect(saga).toMatchObject({ state: 'CANCELLED', reason: 'sold_out', stepDeadline: null });
    expect(log[0]!.kind === 'transition' && log[0]!.commands).toEqual([]);
  });

  it('a declined card releases the hold, then CANCELLED payment_declined', () => {
    const { saga } = run(started(), ['RoomsHeld', 'PaymentDeclined', 'HoldReleased']);
    expect(saga).toMatchObject({ state: 'CANCELLED', step: 'done', reason: 'payment_declined' });
  });

  it('an expired hold voids the authorization, releases, then CANCELLED hold_expired', () => {
    const { saga } = run(started(), ['RoomsHeld', 'PaymentAuthorized', 'HoldConfirmRefused', 'PaymentVoided', 'HoldReleased']);
    expect(saga).toMatchObject({ state: 'CANCELLED', reason: 'hold_expired' });
  });

  it('the guest cancels a confirmed booking: refund, then release, then CANCELLED guest_cancelled; a second cancel is refused', () => {
    const confirmed = run(started(), ['RoomsHeld', 'PaymentAuthorized', 'HoldConfirmed', 'PaymentCaptured']).saga;
    const { saga, log } = run(confirmed, [{ kind: 'guest_cancel' }, { kind: 'guest_cancel' }, 'PaymentRefunded', 'HoldReleased']);
    expect(log.map((d) => (d.kind === 'transition' ? d.commands.map((c) => c.type) : 'ignored'))).toEqual([
      ['RefundPayment'],
      'ignored',
      ['ReleaseHold'],
      [],
    ]);
    expect(saga).toMatchObject({ state: 'CANCELLED', reason: 'guest_cancelled' });
  });

  it('a deadline that has not passed changes nothing', () => {
    const saga = started();
    expect(decide(saga, { kind: 'deadline' }, new Date(t0.getTime() + timeouts.stepMs - 1), timeouts).kind).toBe('ignore');
    expect(decide(saga, { kind: 'deadline' }, new Date(t0.getTime() + timeouts.stepMs), timeouts).kind).toBe('transition');
  });

  it("another booking's reply changes nothing", () => {
    expect(decide(started(), { kind: 'reply', reply: replyOf('RoomsHeld', 'someone-else') }, t0, timeouts)).toMatchObject({ kind: 'ignore' });
  });

  it('every saga ends: from any position, deadlines and the awaited replies reach a final state within a few steps', () => {
    const answers: Partial<Record<SagaStep, ReplyType>> = {
      void_payment: 'PaymentVoided',
      refund_payment: 'PaymentRefunded',
      release_hold: 'HoldReleased',
      capture_payment: 'PaymentCaptured',
    };
    for (const [state, step, reason] of positions) {
      let saga = sagaAt(state, step, reason);
      for (let i = 0; i < 6 && saga.step !== 'done'; i++) {
        // The participant is down for one deadline, then answers.
        saga = apply(saga, decide(saga, { kind: 'deadline' }, new Date(8.64e15), timeouts));
        const answer = answers[saga.step];
        if (answer) saga = apply(saga, decide(saga, { kind: 'reply', reply: replyOf(answer) }, t0, timeouts));
      }
      expect(['CONFIRMED', 'CANCELLED'], `${state}/${step}`).toContain(saga.state);
    }
  });
});
