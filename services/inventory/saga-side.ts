/**
 * The inventory's side of the booking saga, run beside its gRPC side on the same pool
 * (runRpcService's `alsoRun`): the consumer of inventory.commands (replies leave
 * through the outbox, in the same transaction), the hold-expiry sweep and the pruning of old
 * outbox and inbox rows (kit/saga/message-retention.ts).
 */
import type { RpcServiceParts } from '../kit/grpc/run-rpc-service.ts';
import { messagePruning } from '../kit/saga/message-retention.ts';
import { runSagaParticipant } from '../kit/saga/saga-participant.ts';
import { holdCommands } from './hold-commands.ts';
import { sweepExpiredHolds } from './hold-expiry-sweeper.ts';
import { inventorySagaHandlers } from './saga-handlers.ts';
import { sqlInventoryTransact } from './sql-inventory-transaction.ts';

/**
 * A hold lives 15 minutes unless confirmed: far beyond a saga's normal seconds, so
 * only a saga whose orchestrator stopped caring reaches it; then the sweep (every 5 s)
 * gives the rooms back.
 */
const TIMINGS = [
  { variable: 'HOLD_TTL_MS', defaultMs: 15 * 60_000, minMs: 1_000, maxMs: 24 * 3_600_000 },
  { variable: 'HOLD_SWEEP_INTERVAL_MS', defaultMs: 5_000, minMs: 100, maxMs: 3_600_000 },
];

export function runInventorySaga({ pool, log }: RpcServiceParts): Promise<() => Promise<void>> {
  const transact = sqlInventoryTransact(pool);
  const now = () => new Date();
  return runSagaParticipant({
    service: 'inventory',
    log,
    commandsTopicVariable: 'SAGA_INVENTORY_COMMANDS_TOPIC',
    timings: TIMINGS,
    build: (timings) => {
      const commands = holdCommands({ transact, now, holdTtlMs: timings.HOLD_TTL_MS! });
      const expiredHolds = (at: Date, limit: number) => transact((tx) => tx.holds.expiredHolds(at, limit));
      return {
        handlers: inventorySagaHandlers(commands),
        background: [
          { what: 'expired holds released their rooms', pass: () => sweepExpiredHolds({ expiredHolds, expireHold: commands.expireHold, now }), intervalMs: timings.HOLD_SWEEP_INTERVAL_MS! },
          messagePruning(pool),
        ],
      };
    },
  });
}
