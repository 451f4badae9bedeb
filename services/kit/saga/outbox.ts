/**
 * The transactional outbox: a message is a row written in the caller's transaction,
 * next to the effect it announces. It reaches Kafka only through Debezium's outbox
 * event router (kafka/connectors/outbox-*.json), which reads the binlog after the
 * commit: a rolled-back effect never sends its message, a committed one always does,
 * and no service writes to Kafka in a request path (no dual write to lose).
 * Columns: SAGA-DESIGN.md; the router turns `id` and `type` into headers,
 * `aggregateid` into the key and `aggregatetype` into the topic.
 */
import { randomUUID } from 'node:crypto';
import type { SqlConnection } from './sql-connection.ts';

export interface OutboxMessage {
  /** Routes the topic: `saga.<engine>.<aggregateType>`. */
  aggregateType: string;
  /** The Kafka key: always the booking id, so one booking's messages stay in order. */
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface Outbox {
  /** Writes the message in the current transaction; returns its new id (a UUID, the `id` header). */
  write(message: OutboxMessage): Promise<string>;
}

export function sqlOutbox(connection: SqlConnection, newId: () => string = randomUUID): Outbox {
  return {
    async write(message) {
      const id = newId();
      await connection.execute('INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (?, ?, ?, ?, ?)', [
        id,
        message.aggregateType,
        message.aggregateId,
        message.type,
        JSON.stringify(message.payload),
      ]);
      return id;
    },
  };
}
