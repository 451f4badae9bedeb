/**
 * inventory entry point: `node services/dist/inventory/main.js`.
 * Its gRPC side (InventoryService: Quote, Availability) reads the `inventory` database
 * with the service's own account; HAProxy's internal frontend balances calls to it.
 * The saga's side (HoldRooms, ConfirmHold, ReleaseHold from inventory.commands, replies
 * through the outbox, the hold expiry) joins through `alsoRun` (saga-side.ts).
 */
import { InventoryService } from '../lib/gen/inventory/v1/inventory_pb.ts';
import { runRpcService } from '../kit/grpc/run-rpc-service.ts';
import { runInventorySaga } from './saga-side.ts';
import { inventoryRpc } from './inventory-rpc.ts';
import { createMysqlInventoryStore } from './inventory-store.ts';

await runRpcService({
  name: 'inventory',
  routes: ({ pool }) => (router) => router.service(InventoryService, inventoryRpc({ store: createMysqlInventoryStore(pool) })),
  alsoRun: runInventorySaga,
});
