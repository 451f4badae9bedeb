/**
 * The database side of verify: every hotel row in id order, by keyset pagination
 * (`WHERE id > ? ORDER BY id LIMIT n`: each page is an index range scan, however far
 * in), turned into the document the indexer would write with the indexer's own
 * mapping (services/search-indexer/row-to-document.ts).
 */
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { PoisonMessageError, rowToDocument } from '../../../services/search-indexer/row-to-document.ts';
import type { ExpectedDocument } from './compare-streams.ts';
import { nextCursor, pagedStream } from './paged-stream.ts';

/**
 * The columns as Debezium hands them to the indexer. Timestamps become epoch
 * milliseconds (rowToDocument reads those as Debezium's connect time mode), so the
 * session time zone and the driver's Date handling play no part.
 */
const selectPage =
  'SELECT id, name, city, stars, description, version, ' +
  'CAST(ROUND(UNIX_TIMESTAMP(created_at) * 1000) AS UNSIGNED) AS created_at, ' +
  'CAST(ROUND(UNIX_TIMESTAMP(updated_at) * 1000) AS UNSIGNED) AS updated_at ' +
  'FROM hotels WHERE id > ? ORDER BY id LIMIT ?';

/** The part of a mysql2 connection this module uses. */
export type RowQuery = Pick<Connection, 'query'>;

export function readDatabaseRows(connection: RowQuery, pageSize: number): AsyncIterable<ExpectedDocument> {
  return pagedStream<ExpectedDocument, number>(async (after) => {
    // query, not execute: a prepared LIMIT ? is refused by some MySQL 8 versions (sidorares/node-mysql2#1239).
    const [rows] = await connection.query<RowDataPacket[]>(selectPage, [after ?? 0, pageSize]);
    const items = rows.map(expectedDocument);
    return { items, next: nextCursor(items, pageSize, (item) => item.id) };
  });
}

export function expectedDocument(row: Record<string, unknown>): ExpectedDocument {
  const id = Number(row.id);
  try {
    return { id, document: rowToDocument(row) };
  } catch (error) {
    if (error instanceof PoisonMessageError) return { id, problem: error.message };
    throw error;
  }
}
