/** The inventory's transaction on MySQL/MariaDB: the kit's inbox and outbox and the hold tables, on one connection. */
import type { Pool } from 'mysql2/promise';
import { sqlInbox } from '../kit/saga/inbox.ts';
import { sqlOutbox } from '../kit/saga/outbox.ts';
import { sqlTransact, type Transact } from '../kit/saga/transaction.ts';
import type { InventoryTransaction } from './hold-commands.ts';
import { sqlHoldStore } from './hold-store.ts';

export function sqlInventoryTransact(pool: Pick<Pool, 'getConnection'>): Transact<InventoryTransaction> {
  return sqlTransact(pool, (connection) => ({ inbox: sqlInbox(connection), outbox: sqlOutbox(connection), holds: sqlHoldStore(connection) }));
}
