/**
 * payment.v1.PaymentService (proto/payment/v1/payment.proto): TokenizeCard checks the
 * card (card.ts) and keeps only a token with the brand, last four and test behaviour.
 * The request message is never logged (the kit's call log writes no message) and no
 * error carries the number.
 */
import type { ServiceImpl } from '@connectrpc/connect';
import { randomUUID } from 'node:crypto';
import type { PaymentService } from '../lib/gen/payment/v1/payment_pb.ts';
import { invalidArgument } from '../kit/grpc/field-violations.ts';
import type { CardTokenStore } from './card-token-store.ts';
import { checkCard } from './card.ts';

export interface PaymentRpcDeps {
  store: CardTokenStore;
  now?: () => Date;
  newToken?: () => string;
}

export function paymentRpc({ store, now = () => new Date(), newToken = randomUUID }: PaymentRpcDeps): ServiceImpl<typeof PaymentService> {
  return {
    async tokenizeCard(request) {
      const checked = checkCard(request, now());
      if (!checked.ok) throw invalidArgument(checked.fields);
      const token = newToken();
      await store.save(token, checked.card);
      return { token, brand: checked.card.brand, last4: checked.card.last4 };
    },
  };
}
