/**
 * Pruning of the outbox and the inbox, a bounded pass every service runs in the background
 * (each deletes only from its own database). Without it both tables grow by a row per message
 * for ever. How long each row must stay:
 * - an outbox row: Debezium reads the INSERT from the binlog seconds after the commit, and
 *   deleting the row later cannot take the message back (the binlog keeps the insert; the outbox
 *   event router drops the delete). The row matters only to a connector that snapshots the
 *   table again (offsets lost), which re-sends what is there; the inboxes make that harmless.
 *   Kept a day, for people reading the table while they debug;
 * - an inbox id: until no redelivery of its message can come. Kafka redelivers only what the
 *   topic still holds, and a consumer-group reset replays everything it holds (issue 20's
 *   invariant 4): the saga topics keep messages 7 days (kafka/topics.json, retention.ms
 *   604800000), so an id is kept 8 days, the topics' retention plus a day's margin. A shorter
 *   inbox would let a replay act twice. (The dead-letter topic keeps 14 days, but nothing
 *   replays it into the saga by itself.)
 * Each pass deletes at most PRUNE_BATCH rows of each table, oldest first, on the indexes
 * outbox(created_at) and inbox(handled_at) (mysql/saga-messaging/migrations/0002), so a backlog
 * (a first run on a full table) drains a batch a minute without a long lock.
 */
import type { SqlConnection } from './sql-connection.ts';

export const OUTBOX_RETENTION_SECONDS = 24 * 3_600;
export const INBOX_RETENTION_SECONDS = 8 * 24 * 3_600;
export const PRUNE_BATCH = 1_000;
export const PRUNE_INTERVAL_MS = 60_000;

/** The two deletes of one pass; the cutoffs are the database's clock, as the rows' defaults are. */
export const PRUNE_STATEMENTS = [
  `DELETE FROM outbox WHERE created_at < CURRENT_TIMESTAMP(3) - INTERVAL ${OUTBOX_RETENTION_SECONDS} SECOND ORDER BY created_at LIMIT ${PRUNE_BATCH}`,
  `DELETE FROM inbox WHERE handled_at < CURRENT_TIMESTAMP(3) - INTERVAL ${INBOX_RETENTION_SECONDS} SECOND ORDER BY handled_at LIMIT ${PRUNE_BATCH}`,
] as const;

/** One pass: deletes the oldest expired rows of both tables (at most PRUNE_BATCH each); returns how many. */
export async function pruneSagaMessages(db: SqlConnection): Promise<number> {
  let deleted = 0;
  for (const statement of PRUNE_STATEMENTS) {
    const [result] = await db.execute(statement);
    deleted += (result as { affectedRows?: number }).affectedRows ?? 0;
  }
  return deleted;
}

/** The pass as a service's background job (kit/periodic.ts). */
export function messagePruning(db: SqlConnection) {
  return { what: 'expired outbox and inbox rows pruned', pass: () => pruneSagaMessages(db), intervalMs: PRUNE_INTERVAL_MS };
}
