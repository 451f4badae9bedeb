/**
 * The payment's consumer of `payment.commands`: each message type, its payload decoded
 * (a broken payload is poison: dead-lettered) and handed to its command.
 */
import type { SagaHandler } from '../kit/saga/saga-chunk.ts';
import { decodeBookingOnly } from '../lib/saga/payload-fields.ts';
import { decodeAuthorizePayment, type PaymentCommands } from './payment-commands.ts';

export function paymentSagaHandlers(commands: PaymentCommands): Record<string, SagaHandler> {
  return {
    AuthorizePayment: (message) => commands.authorize(message, decodeAuthorizePayment(message.payload)),
    CapturePayment: (message) => commands.capture(message, decodeBookingOnly('CapturePayment', message.payload)),
    VoidPayment: (message) => commands.void(message, decodeBookingOnly('VoidPayment', message.payload)),
    RefundPayment: (message) => commands.refund(message, decodeBookingOnly('RefundPayment', message.payload)),
  };
}
