/** The payment's transaction on MySQL/MariaDB: the kit's inbox and outbox and the payment tables, on one connection. */
import type { Pool } from 'mysql2/promise';
import { sqlInbox } from '../kit/saga/inbox.ts';
import { sqlOutbox } from '../kit/saga/outbox.ts';
import { sqlTransact, type Transact } from '../kit/saga/transaction.ts';
import type { PaymentTransaction } from './payment-commands.ts';
import { sqlPaymentStore } from './payment-store.ts';

export function sqlPaymentTransact(pool: Pick<Pool, 'getConnection'>): Transact<PaymentTransaction> {
  return sqlTransact(pool, (connection) => ({ inbox: sqlInbox(connection), outbox: sqlOutbox(connection), payments: sqlPaymentStore(connection) }));
}
