/**
 * The fake provider's command handlers: AuthorizePayment, CapturePayment, VoidPayment,
 * RefundPayment. Each runs once per message id (the kit's inbox), its effect and its
 * reply in one transaction; a command that finds nothing (more) to do answers the
 * payment's current fact. The test card decides an authorization: `succeed`
 * authorizes, `decline` declines, `slow` leaves the payment `authorizing` and answers
 * only when finishSlowAuthorization runs, later than the orchestrator's step deadline
 * (slow-authorizations.ts). A void meanwhile wins: the late authorization then finds
 * the payment voided and leaves it so, without a word.
 */
import { handleOnce, type SagaTransaction } from '../kit/saga/inbox.ts';
import type { OutboxMessage } from '../kit/saga/outbox.ts';
import type { SagaEnvelope } from '../kit/saga/saga-envelope.ts';
import type { Transact } from '../kit/saga/transaction.ts';
import { paymentReply, type AuthorizePayment, type BookingOnly } from '../lib/saga/messages.ts';
import { payloadReader } from '../lib/saga/payload-fields.ts';
import type { Payment, PaymentStore } from './payment-store.ts';

export interface PaymentTransaction extends SagaTransaction {
  payments: PaymentStore;
}

export function decodeAuthorizePayment(payload: Record<string, unknown>): AuthorizePayment {
  const read = payloadReader('AuthorizePayment', payload);
  const command = { bookingId: read.id('bookingId'), cardToken: read.id('cardToken'), amountMinor: read.positiveInteger('amountMinor'), currency: read.currency('currency') };
  read.done();
  return command;
}

/** What the payment is now, as a reply; none while an authorization is still pending. */
export function paymentFact(payment: Payment): OutboxMessage[] {
  const { bookingId } = payment;
  switch (payment.state) {
    case 'authorizing':
      return [];
    case 'authorized':
      return [paymentReply('PaymentAuthorized', { bookingId })];
    case 'declined':
      return [paymentReply('PaymentDeclined', { bookingId, reason: 'payment_declined' })];
    case 'captured':
      return [paymentReply('PaymentCaptured', { bookingId, amountMinor: payment.capturedMinor })];
    case 'voided':
      return [paymentReply('PaymentVoided', { bookingId })];
    case 'refunded':
      return [paymentReply('PaymentRefunded', { bookingId, amountMinor: payment.capturedMinor })];
  }
}

export function paymentCommands({ transact }: { transact: Transact<PaymentTransaction> }) {
  return {
    authorize: (message: SagaEnvelope, command: AuthorizePayment) =>
      handleOnce(transact, message.id, async (tx) => {
        const { bookingId } = command;
        const existing = await tx.payments.findPayment(bookingId);
        if (existing) return paymentFact(existing);
        // A token nobody issued declines, like a card the provider does not know.
        const behaviour = (await tx.payments.cardBehaviour(command.cardToken)) ?? 'decline';
        const state = behaviour === 'succeed' ? 'authorized' : behaviour === 'decline' ? 'declined' : 'authorizing';
        await tx.payments.insertPayment({ ...command, state });
        if (state === 'authorizing') return [];
        return state === 'authorized' ? [paymentReply('PaymentAuthorized', { bookingId })] : [paymentReply('PaymentDeclined', { bookingId, reason: 'payment_declined' })];
      }),

    capture: (message: SagaEnvelope, { bookingId }: BookingOnly) =>
      handleOnce(transact, message.id, async (tx) => {
        const payment = await tx.payments.findPayment(bookingId);
        // Nothing authorized, nothing to capture: the orchestrator only captures after PaymentAuthorized.
        if (!payment) return [paymentReply('PaymentVoided', { bookingId })];
        if (payment.state !== 'authorized') return paymentFact(payment);
        await tx.payments.setState(bookingId, 'captured', payment.amountMinor);
        return [paymentReply('PaymentCaptured', { bookingId, amountMinor: payment.amountMinor })];
      }),

    void: (message: SagaEnvelope, { bookingId }: BookingOnly) =>
      handleOnce(transact, message.id, async (tx) => {
        const payment = await tx.payments.findPayment(bookingId);
        if (payment?.state === 'authorizing' || payment?.state === 'authorized') {
          await tx.payments.setState(bookingId, 'voided');
          return [paymentReply('PaymentVoided', { bookingId })];
        }
        // Declined or never authorized: nothing is held on the card, which is what voided means.
        if (!payment || payment.state === 'declined') return [paymentReply('PaymentVoided', { bookingId })];
        // Captured money is not voided: the fact says so, and the orchestrator refunds.
        return paymentFact(payment);
      }),

    refund: (message: SagaEnvelope, { bookingId }: BookingOnly) =>
      handleOnce(transact, message.id, async (tx) => {
        const payment = await tx.payments.findPayment(bookingId);
        if (payment?.state === 'captured') {
          await tx.payments.setState(bookingId, 'refunded');
          return [paymentReply('PaymentRefunded', { bookingId, amountMinor: payment.capturedMinor })];
        }
        // Not captured: nothing to give back; an authorization still standing is voided instead.
        if (payment?.state === 'authorizing' || payment?.state === 'authorized') {
          await tx.payments.setState(bookingId, 'voided');
          return [paymentReply('PaymentVoided', { bookingId })];
        }
        if (!payment || payment.state === 'declined') return [paymentReply('PaymentVoided', { bookingId })];
        return paymentFact(payment);
      }),

    /**
     * The slow card's answer, late: authorizes a payment still authorizing and says so.
     * A payment voided meanwhile stays voided and nothing is sent. Returns whether it authorized.
     */
    finishSlowAuthorization: (bookingId: string) =>
      transact(async (tx) => {
        const payment = await tx.payments.findPayment(bookingId);
        if (payment?.state !== 'authorizing') return false;
        await tx.payments.setState(bookingId, 'authorized');
        await tx.outbox.write(paymentReply('PaymentAuthorized', { bookingId }));
        return true;
      }),
  };
}

export type PaymentCommands = ReturnType<typeof paymentCommands>;
