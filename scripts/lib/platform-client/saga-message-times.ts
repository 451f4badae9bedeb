/**
 * What bench:bookings reads to break a booking's time into hops (bench/saga-hops.ts): the
 * outbox rows of the given bookings and their inbox rows, in each of the saga's three
 * databases, each with that service's own account (MYSQL_PORT, the passwords from .env).
 * A message's outbox row is in its writer's database and its inbox row in its consumer's,
 * so the inbox is read everywhere for every id.
 */
import mysql, { type RowDataPacket } from 'mysql2/promise';
import type { MysqlSettings } from './client-settings.ts';
import type { OutboxRecord } from '../bench/saga-hops.ts';

export interface SagaMessageTimes {
  outbox: OutboxRecord[];
  /** Message id → when its consumer handled it (epoch ms). */
  handledAt: Map<string, number>;
}

/** One IN (...) list per query at most this long. */
const CHUNK = 500;

export async function readSagaMessageTimes(accounts: MysqlSettings[], bookingNumbers: string[], bookingsAccount: MysqlSettings): Promise<SagaMessageTimes> {
  const connect = (account: MysqlSettings) => mysql.createConnection({ ...account, connectTimeout: 3_000, timezone: 'Z' });
  const connections = await Promise.all(accounts.map(connect));
  const bookings = await connect(bookingsAccount);
  try {
    const ids: string[] = [];
    for (const numbers of chunks(bookingNumbers)) {
      const [rows] = await bookings.query<RowDataPacket[]>('SELECT id FROM bookings WHERE number IN (?)', [numbers]);
      ids.push(...rows.map((row) => String(row.id)));
    }
    const outbox: OutboxRecord[] = [];
    for (const connection of connections) {
      for (const bookingIds of chunks(ids)) {
        const [rows] = await connection.query<RowDataPacket[]>('SELECT id, type, aggregateid, created_at FROM outbox WHERE aggregateid IN (?)', [bookingIds]);
        outbox.push(...rows.map((row) => ({ id: String(row.id), type: String(row.type), bookingId: String(row.aggregateid), createdAtMs: (row.created_at as Date).getTime() })));
      }
    }
    const handledAt = new Map<string, number>();
    for (const connection of connections) {
      for (const messageIds of chunks(outbox.map((row) => row.id))) {
        const [rows] = await connection.query<RowDataPacket[]>('SELECT message_id, handled_at FROM inbox WHERE message_id IN (?)', [messageIds]);
        for (const row of rows) handledAt.set(String(row.message_id), (row.handled_at as Date).getTime());
      }
    }
    return { outbox, handledAt };
  } finally {
    await Promise.allSettled([...connections, bookings].map((connection) => connection.end()));
  }
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
