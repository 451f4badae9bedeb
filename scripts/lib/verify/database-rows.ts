/**
 * The database side of verify: every hotel row in id order, by keyset pagination
 * (`WHERE id > ? ORDER BY id LIMIT n`: each page is an index range scan, however far
 * in), read by platform-client/hotel-rows.ts and turned into the document the indexer
 * would write with the indexer's own mapping (services/search-indexer/contract.ts).
 */
import { PoisonMessageError, rowToDocument } from '../../../services/search-indexer/contract.ts';
import { readHotelRowPage, type RowQuery } from '../platform-client/hotel-rows.ts';
import type { ExpectedDocument } from './compare-streams.ts';
import { nextCursor, pagedStream } from './paged-stream.ts';

export type { RowQuery };

export function readDatabaseRows(connection: RowQuery, pageSize: number): AsyncIterable<ExpectedDocument> {
  return pagedStream<ExpectedDocument, number>(async (after) => {
    const rows = await readHotelRowPage(connection, { afterId: after ?? 0, size: pageSize });
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
