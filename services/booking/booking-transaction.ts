/**
 * A transaction of the bookings database: its connection, with the kit's outbox and inbox bound
 * to it (services/kit/saga), so the row changes, the commands and the handled message id commit
 * together or not at all.
 */
import type { Pool, PoolConnection } from 'mysql2/promise';
import { sqlInbox, type SagaTransaction } from '../kit/saga/inbox.ts';
import { sqlOutbox } from '../kit/saga/outbox.ts';
import { sqlTransact, type Transact } from '../kit/saga/transaction.ts';

export interface BookingTransaction extends SagaTransaction {
  connection: Pick<PoolConnection, 'execute'>;
}

export function bookingTransact(pool: Pick<Pool, 'getConnection'>): Transact<BookingTransaction> {
  return sqlTransact(pool, (connection) => ({ connection, outbox: sqlOutbox(connection), inbox: sqlInbox(connection) }));
}
