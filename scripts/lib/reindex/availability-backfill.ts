/**
 * Fills date search's new index from the inventory tables (issue 21): every room type,
 * then every night by keyset pages, each mapped by the indexer's own mapping and written
 * with op_type `create`. The inventory rows carry no version, so the order of the two
 * writers is settled this way instead: the indexer writes every change unconditionally,
 * in commit order per document (availability-change.ts), and from the moment the target
 * is marked it writes there too (run-reindex.ts); the backfill only creates documents the
 * indexer has not written. A document the indexer wrote holds a state at least as new as
 * any row the backfill read (a change after the mark reaches it through the indexer, the
 * last one last), and one it never wrote has had no change since the mark: the row read
 * is its state. 409 = the indexer got there first. The one race left: a row deleted
 * between the backfill's read and its write comes back; `npm run verify` lists it and a
 * second reindex drops it (nights and room types are not deleted in normal operation).
 */
import type { AvailabilityDocument } from '../../../services/search-indexer/contract.ts';
import { availabilityDocumentId, roomNightRowToDocument, roomTypeRowToDocument } from '../../../services/search-indexer/contract.ts';
import type { BackfillProgress } from './backfill.ts';
import { BackfillError } from './backfill.ts';

export interface AvailabilityBackfillDeps {
  roomTypes(): Promise<Array<Record<string, unknown>>>;
  roomNights(): AsyncIterable<Record<string, unknown>>;
  /** Creates the documents (op_type create); answers the HTTP status per document, in order. */
  create(index: string, documents: AvailabilityDocument[]): Promise<Array<{ status: number; error?: string }>>;
  onPage?: (progress: BackfillProgress) => void;
}

export async function backfillAvailability(index: string, deps: AvailabilityBackfillDeps, pageSize = 2_000): Promise<BackfillProgress> {
  const progress: BackfillProgress = { rows: 0, written: 0, newerInIndex: 0 };
  const write = async (documents: AvailabilityDocument[]) => {
    if (documents.length === 0) return;
    const results = await deps.create(index, documents);
    results.forEach((result, i) => {
      if (result.status >= 200 && result.status < 300) progress.written++;
      else if (result.status === 409) progress.newerInIndex++;
      else throw new BackfillError(`${availabilityDocumentId(documents[i]!)} could not be written to ${index}: ${result.status} ${result.error ?? ''}`.trim());
    });
    progress.rows += documents.length;
    deps.onPage?.({ ...progress });
  };
  await write((await deps.roomTypes()).map(roomTypeRowToDocument));
  let page: AvailabilityDocument[] = [];
  for await (const row of deps.roomNights()) {
    page.push(roomNightRowToDocument(row));
    if (page.length >= pageSize) {
      await write(page);
      page = [];
    }
  }
  await write(page);
  return progress;
}
