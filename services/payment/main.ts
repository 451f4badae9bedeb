/**
 * payment entry point: `node services/dist/payment/main.js`.
 * Its gRPC side (PaymentService.TokenizeCard) is the only place a full card number
 * arrives; it keeps a token, the brand and the last four digits in the `payments`
 * database. The saga's side (AuthorizePayment, CapturePayment, VoidPayment,
 * RefundPayment from payment.commands, replies through the outbox) joins through
 * `alsoRun` (saga-side.ts).
 */
import { PaymentService } from '../lib/gen/payment/v1/payment_pb.ts';
import { runRpcService } from '../kit/grpc/run-rpc-service.ts';
import { runPaymentSaga } from './saga-side.ts';
import { createMysqlCardTokenStore } from './card-token-store.ts';
import { paymentRpc } from './payment-rpc.ts';

await runRpcService({
  name: 'payment',
  routes: ({ pool }) => (router) => router.service(PaymentService, paymentRpc({ store: createMysqlCardTokenStore(pool) })),
  alsoRun: runPaymentSaga,
});
