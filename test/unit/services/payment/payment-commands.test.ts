import { describe, expect, it } from 'vitest';
import { PoisonMessageError } from '../../../../services/kit/saga/poison-message.ts';
import { decodeAuthorizePayment, paymentCommands, type PaymentTransaction } from '../../../../services/payment/payment-commands.ts';
import type { CardBehaviour, Payment, PaymentStore } from '../../../../services/payment/payment-store.ts';
import { finishSlowAuthorizations } from '../../../../services/payment/slow-authorizations.ts';
import { envelope, fakeSagaDb, type SagaTables } from '../../helpers/fake-saga-db.ts';

interface PaymentTables extends SagaTables {
  cards: Map<string, CardBehaviour>;
  payments: Map<string, Payment>;
}

function harness() {
  let clock = new Date('2027-03-01T12:00:00Z');
  const db = fakeSagaDb<PaymentTables, PaymentTransaction>(
    { inbox: new Set(), outbox: [], cards: new Map<string, CardBehaviour>([['good', 'succeed'], ['bad', 'decline'], ['slow', 'slow']]), payments: new Map() },
    (t): Pick<PaymentTransaction, 'payments'> => ({
      payments: {
        findPayment: async (id) => (t.payments.has(id) ? { ...t.payments.get(id)! } : undefined),
        cardBehaviour: async (token) => t.cards.get(token),
        insertPayment: async (p) => {
          t.payments.set(p.bookingId, { ...p, capturedMinor: 0, updatedAt: clock });
        },
        setState: async (id, state, capturedMinor) => {
          const p = t.payments.get(id)!;
          t.payments.set(id, { ...p, state, capturedMinor: capturedMinor ?? p.capturedMinor, updatedAt: clock });
        },
        authorizingSince: async (before) => [...t.payments.values()].filter((p) => p.state === 'authorizing' && p.updatedAt < before).map((p) => p.bookingId),
      } satisfies PaymentStore,
    }),
  );
  const commands = paymentCommands({ transact: db.transact });
  const authorize = (bookingId: string, cardToken: string) => {
    const command = { bookingId, cardToken, amountMinor: 24_000, currency: 'EUR' };
    return commands.authorize(envelope('AuthorizePayment', command), command);
  };
  const send = (name: 'capture' | 'void' | 'refund', bookingId: string) => commands[name](envelope(name, { bookingId }), { bookingId });
  return {
    db,
    commands,
    authorize,
    send,
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
    now: () => clock,
    state: (id: string) => db.tables().payments.get(id)?.state,
    replies: () => db.tables().outbox.map((row) => ({ type: row.type, ...row.payload })),
  };
}

describe('AuthorizePayment', () => {
  it('follows the test card: succeed authorizes, decline declines, an unknown token declines', async () => {
    const h = harness();
    await h.authorize('b1', 'good');
    await h.authorize('b2', 'bad');
    await h.authorize('b3', 'never-issued');
    expect([h.state('b1'), h.state('b2'), h.state('b3')]).toEqual(['authorized', 'declined', 'declined']);
    expect(h.replies()).toEqual([
      { type: 'PaymentAuthorized', bookingId: 'b1' },
      { type: 'PaymentDeclined', bookingId: 'b2', reason: 'payment_declined' },
      { type: 'PaymentDeclined', bookingId: 'b3', reason: 'payment_declined' },
    ]);
    expect(h.db.tables().outbox[0]).toMatchObject({ aggregateType: 'payment.replies', aggregateId: 'b1' });
  });

  it('a slow card answers nothing now, and PaymentAuthorized once the delay has passed', async () => {
    const h = harness();
    await h.authorize('b1', 'slow');
    expect(h.state('b1')).toBe('authorizing');
    expect(h.replies()).toEqual([]);
    const finish = () =>
      finishSlowAuthorizations({ authorizingSince: (before, limit) => h.db.transact((tx) => tx.payments.authorizingSince(before, limit)), finish: h.commands.finishSlowAuthorization, now: h.now, delayMs: 10_000 });
    expect(await finish()).toBe(0);
    h.advance(10_001);
    expect(await finish()).toBe(1);
    expect(h.state('b1')).toBe('authorized');
    expect(h.replies()).toEqual([{ type: 'PaymentAuthorized', bookingId: 'b1' }]);
  });

  it('a redelivered authorization changes nothing; a new message for the same booking answers the fact', async () => {
    const h = harness();
    const command = { bookingId: 'b1', cardToken: 'good', amountMinor: 100, currency: 'EUR' };
    const message = envelope('AuthorizePayment', command);
    await h.commands.authorize(message, command);
    expect(await h.commands.authorize(message, command)).toBe('duplicate');
    await h.authorize('b1', 'bad');
    expect(h.state('b1')).toBe('authorized');
    expect(h.replies().map((r) => r.type)).toEqual(['PaymentAuthorized', 'PaymentAuthorized']);
  });
});

describe('VoidPayment', () => {
  it('voids an authorized payment, and an authorizing one; a slow authorization finishing later stays void and says nothing', async () => {
    const h = harness();
    await h.authorize('b1', 'good');
    await h.authorize('b2', 'slow');
    await h.send('void', 'b1');
    await h.send('void', 'b2');
    expect([h.state('b1'), h.state('b2')]).toEqual(['voided', 'voided']);
    expect(await h.commands.finishSlowAuthorization('b2')).toBe(false);
    expect(h.state('b2')).toBe('voided');
    expect(h.replies().map((r) => r.type)).toEqual(['PaymentAuthorized', 'PaymentVoided', 'PaymentVoided']);
  });

  it('answers PaymentVoided for a declined or unknown payment, and the capture for a captured one (nothing voided)', async () => {
    const h = harness();
    await h.authorize('b1', 'bad');
    await h.authorize('b2', 'good');
    await h.send('capture', 'b2');
    await h.send('void', 'b1');
    await h.send('void', 'b2');
    await h.send('void', 'nobody');
    expect(h.state('b2')).toBe('captured');
    expect(h.replies().slice(3)).toEqual([
      { type: 'PaymentVoided', bookingId: 'b1' },
      { type: 'PaymentCaptured', bookingId: 'b2', amountMinor: 24_000 },
      { type: 'PaymentVoided', bookingId: 'nobody' },
    ]);
  });
});

describe('CapturePayment and RefundPayment', () => {
  it('captures the authorized amount once, refunds it once', async () => {
    const h = harness();
    await h.authorize('b1', 'good');
    await h.send('capture', 'b1');
    await h.send('capture', 'b1');
    expect(h.db.tables().payments.get('b1')).toMatchObject({ state: 'captured', capturedMinor: 24_000 });
    await h.send('refund', 'b1');
    await h.send('refund', 'b1');
    expect(h.db.tables().payments.get('b1')).toMatchObject({ state: 'refunded', capturedMinor: 24_000 });
    expect(h.replies()).toEqual([
      { type: 'PaymentAuthorized', bookingId: 'b1' },
      { type: 'PaymentCaptured', bookingId: 'b1', amountMinor: 24_000 },
      { type: 'PaymentCaptured', bookingId: 'b1', amountMinor: 24_000 },
      { type: 'PaymentRefunded', bookingId: 'b1', amountMinor: 24_000 },
      { type: 'PaymentRefunded', bookingId: 'b1', amountMinor: 24_000 },
    ]);
  });

  it('never captures a voided or declined payment: the fact answers instead', async () => {
    const h = harness();
    await h.authorize('b1', 'good');
    await h.send('void', 'b1');
    await h.send('capture', 'b1');
    await h.authorize('b2', 'bad');
    await h.send('capture', 'b2');
    expect([h.state('b1'), h.state('b2')]).toEqual(['voided', 'declined']);
    expect(h.replies().map((r) => r.type)).toEqual(['PaymentAuthorized', 'PaymentVoided', 'PaymentVoided', 'PaymentDeclined', 'PaymentDeclined']);
  });

  it('a refund of a payment never captured voids what is authorized', async () => {
    const h = harness();
    await h.authorize('b1', 'good');
    await h.send('refund', 'b1');
    expect(h.state('b1')).toBe('voided');
    expect(h.replies()[1]).toEqual({ type: 'PaymentVoided', bookingId: 'b1' });
  });
});

describe('decodeAuthorizePayment', () => {
  it('refuses a broken payload as poison', () => {
    expect(() => decodeAuthorizePayment({ bookingId: 'b1', cardToken: 'good', amountMinor: 0, currency: 'euro' })).toThrow(PoisonMessageError);
    expect(() => decodeAuthorizePayment({ bookingId: 'b1', cardToken: 'good', amountMinor: 1.5, currency: 'EUR' })).toThrow(/amountMinor/);
  });
});
