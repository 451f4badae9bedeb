/**
 * Reads hotels rows a page at a time by primary key, for the backfill. Timestamps
 * come back as instants: the session runs in UTC and mysql2 reads them as UTC, so
 * the document gets the same `created_at` the change stream gives the indexer.
 */
import mysql, { type RowDataPacket } from 'mysql2/promise';

export interface DatabaseSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export async function openHotelRows(settings: DatabaseSettings) {
  const connection = await mysql.createConnection({ ...settings, timezone: 'Z', connectTimeout: 5_000, supportBigNumbers: true });
  await connection.query("SET time_zone = '+00:00'");
  return {
    async readPage(afterId: number, upToId: number, size: number): Promise<Array<Record<string, unknown>>> {
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT id, name, city, stars, description, version, created_at, updated_at FROM hotels WHERE id > ? AND id <= ? ORDER BY id LIMIT ?',
        [afterId, upToId, size],
      );
      return rows.map((row) => ({ ...row, created_at: instant(row.created_at), updated_at: instant(row.updated_at) }));
    },
    async maxId(): Promise<number> {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT COALESCE(MAX(id), 0) AS id FROM hotels');
      return Number(rows[0]!.id);
    },
    async count(): Promise<number> {
      const [rows] = await connection.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM hotels');
      return Number(rows[0]!.n);
    },
    close: () => connection.end(),
  };
}

function instant(value: unknown): unknown {
  return value instanceof Date ? value.getTime() : value;
}
