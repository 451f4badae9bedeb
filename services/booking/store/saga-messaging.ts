/**
 * The outbox and the inbox as this service writes them inside its own transactions
 * (SAGA-DESIGN.md, "Tables"). A stand-in with the kit's call shape until the kit's own saga
 * pieces land (services/kit/saga, branch w/saga-outbox): writeOutbox(tx, message) and
 * markHandled(tx, messageId).
 */
import { randomUUID } from 'node:crypto';
import type { PoolConnection } from 'mysql2/promise';
import { commandTopic, type Command } from '../saga/messages.ts';

/** The slice of a mysql2 connection used inside one transaction. */
export type SqlTx = Pick<PoolConnection, 'execute'>;

export const ER_DUP_ENTRY = 1062;

export function sqlErrno(error: unknown): number | undefined {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return typeof errno === 'number' ? errno : undefined;
}

/** One outbox row: the router sends it to `saga.<engine>.<aggregatetype>`, keyed by the booking id. */
export async function writeOutbox(tx: SqlTx, command: Command, newId: () => string = randomUUID): Promise<string> {
  const id = newId();
  await tx.execute('INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (?, ?, ?, ?, ?)', [
    id,
    commandTopic[command.type],
    command.payload.bookingId,
    command.type,
    JSON.stringify(command.payload),
  ]);
  return id;
}

/** Records a message id in the inbox; false when it was handled before (a redelivery). */
export async function markHandled(tx: SqlTx, messageId: string): Promise<boolean> {
  try {
    await tx.execute('INSERT INTO inbox (message_id) VALUES (?)', [messageId]);
    return true;
  } catch (error) {
    if (sqlErrno(error) === ER_DUP_ENTRY) return false;
    throw error;
  }
}
