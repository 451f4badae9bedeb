/**
 * Fills an index from the database: pages of rows by primary key (keyset
 * pagination: `WHERE id > last ORDER BY id LIMIT n`, so each page is an index range
 * scan however far in it is, and rows inserted meanwhile are never skipped or read
 * twice), each turned into its document by the indexer's own mapping
 * (services/search-indexer/row-to-document.ts) and written with the row version as
 * external version. A 409 means the indexer already wrote that version or a newer
 * one: nothing to do. Only the rows in memory at a time are one page.
 */
import type { HotelDocument } from '../../../services/lib/contract.ts';
import { rowToDocument } from '../../../services/search-indexer/contract.ts';

export interface BackfillDeps {
  /** Rows with afterId < id <= upToId, by id, at most `size`. */
  readPage(afterId: number, upToId: number, size: number): Promise<Array<Record<string, unknown>>>;
  maxId(): Promise<number>;
  /** Writes the documents with version_type external; answers the HTTP status per document, in order. */
  write(index: string, documents: HotelDocument[]): Promise<Array<{ status: number; error?: string }>>;
  onPage?: (progress: BackfillProgress) => void;
}

export interface BackfillProgress {
  rows: number;
  written: number;
  /** Already there at that version or newer: the indexer got there first. */
  newerInIndex: number;
}

export class BackfillError extends Error {}

export async function backfill(index: string, deps: BackfillDeps, pageSize = 1_000): Promise<BackfillProgress> {
  const progress: BackfillProgress = { rows: 0, written: 0, newerInIndex: 0 };
  let afterId = 0;
  const upToId = await deps.maxId();
  for (;;) {
    const rows = await deps.readPage(afterId, upToId, pageSize);
    if (rows.length === 0) return progress;
    const documents = rows.map((row) => rowToDocument(row));
    const results = await deps.write(index, documents);
    results.forEach((result, i) => {
      if (result.status >= 200 && result.status < 300) progress.written++;
      else if (result.status === 409) progress.newerInIndex++;
      else throw new BackfillError(`hotel ${documents[i]!.id} could not be written to ${index}: ${result.status} ${result.error ?? ''}`.trim());
    });
    progress.rows += rows.length;
    afterId = documents[documents.length - 1]!.id;
    deps.onPage?.({ ...progress });
  }
}
