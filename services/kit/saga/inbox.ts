/**
 * The inbox: "handle this message once". The message id is inserted in the same
 * transaction as the message's effect and the reply it writes to the outbox, so
 * either all three commit or none does. A redelivered message (Kafka delivers at
 * least once; a consumer group reset replays everything) finds its id and changes
 * nothing. Two deliveries at once (a rebalance) serialize on the id's primary key:
 * the second waits for the first's commit, then sees the duplicate.
 */
import type { Outbox, OutboxMessage } from './outbox.ts';
import { ER_DUP_ENTRY, sqlErrno, type SqlConnection } from './sql-connection.ts';
import type { Transact } from './transaction.ts';

export interface Inbox {
  /** Records the id; false when it was already recorded (the message was handled before). */
  markHandled(messageId: string): Promise<boolean>;
}

export function sqlInbox(connection: SqlConnection): Inbox {
  return {
    async markHandled(messageId) {
      try {
        // A plain INSERT, not INSERT IGNORE: IGNORE would also turn other errors into warnings.
        await connection.execute('INSERT INTO inbox (message_id) VALUES (?)', [messageId]);
        return true;
      } catch (error) {
        if (sqlErrno(error) === ER_DUP_ENTRY) return false;
        throw error;
      }
    },
  };
}

/** What every saga transaction holds besides the service's own tables. */
export interface SagaTransaction {
  inbox: Inbox;
  outbox: Outbox;
}

export type HandleOutcome = 'handled' | 'duplicate';

/**
 * Runs `effect` once per message id: inbox row, effect and replies in one transaction.
 * The effect returns the replies to write (none when the answer comes later).
 */
export async function handleOnce<Tx extends SagaTransaction>(
  transact: Transact<Tx>,
  messageId: string,
  effect: (tx: Tx) => Promise<OutboxMessage[]>,
): Promise<HandleOutcome> {
  return transact(async (tx) => {
    if (!(await tx.inbox.markHandled(messageId))) return 'duplicate';
    for (const reply of await effect(tx)) await tx.outbox.write(reply);
    return 'handled';
  });
}
