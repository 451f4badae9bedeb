/**
 * The payment's side of the booking saga, run beside its gRPC side on the same pool
 * (runRpcService's `alsoRun`): the consumer of payment.commands (replies leave
 * through the outbox, in the same transaction) and the slow test card's late answers.
 */
import type { RpcServiceParts } from '../kit/grpc/run-rpc-service.ts';
import { messagePruning } from '../kit/saga/message-retention.ts';
import { runSagaParticipant } from '../kit/saga/saga-participant.ts';
import { paymentCommands } from './payment-commands.ts';
import { paymentSagaHandlers } from './saga-handlers.ts';
import { finishSlowAuthorizations } from './slow-authorizations.ts';
import { sqlPaymentTransact } from './sql-payment-transaction.ts';
import { DEFAULT_SLOW_AUTHORIZATION_DELAY_MS } from './test-cards.ts';

/**
 * The slow card answers after 30 s: longer than the orchestrator's payment step
 * deadline, which must stay below it (the orchestrator then voids, and the late
 * answer finds the payment voided). Looked for every second.
 */
const TIMINGS = [
  { variable: 'SLOW_AUTHORIZATION_DELAY_MS', defaultMs: DEFAULT_SLOW_AUTHORIZATION_DELAY_MS, minMs: 0, maxMs: 3_600_000 },
  { variable: 'SLOW_AUTHORIZATION_INTERVAL_MS', defaultMs: 1_000, minMs: 100, maxMs: 60_000 },
];

export function runPaymentSaga({ pool, log }: RpcServiceParts): Promise<() => Promise<void>> {
  const transact = sqlPaymentTransact(pool);
  return runSagaParticipant({
    service: 'payment',
    log,
    commandsTopicVariable: 'SAGA_PAYMENT_COMMANDS_TOPIC',
    timings: TIMINGS,
    build: (timings) => {
      const commands = paymentCommands({ transact });
      const authorizingSince = (before: Date, limit: number) => transact((tx) => tx.payments.authorizingSince(before, limit));
      const pass = () => finishSlowAuthorizations({ authorizingSince, finish: commands.finishSlowAuthorization, now: () => new Date(), delayMs: timings.SLOW_AUTHORIZATION_DELAY_MS! });
      return {
        handlers: paymentSagaHandlers(commands),
        background: [{ what: 'slow test-card authorizations answered', pass, intervalMs: timings.SLOW_AUTHORIZATION_INTERVAL_MS! }, messagePruning(pool)],
      };
    },
  });
}
