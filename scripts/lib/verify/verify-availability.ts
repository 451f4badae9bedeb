/**
 * `npm run verify`'s second part (issue 21): date search's index against the inventory
 * tables it is built from. The database is read by the inventory's own account in one
 * consistent snapshot (a booking moving a night mid-read is not seen half); the index
 * by its alias, every document, page by page with search_after.
 */
import { Client } from '@elastic/elasticsearch';
import mysql, { type Connection } from 'mysql2/promise';
import {
  availabilityDocumentId,
  PoisonMessageError,
  roomNightRowToDocument,
  roomTypeRowToDocument,
  type AvailabilityDocument,
} from '../../../services/search-indexer/contract.ts';
import { readRoomNightRows, readRoomTypeRows } from '../availability/inventory-rows.ts';
import { UserError } from '../errors.ts';
import type { ClientSettings } from '../platform-client/client-settings.ts';
import { renderTable } from '../ui/table.ts';
import { errorText } from '../text.ts';
import { compareAvailability, type AvailabilityComparison, type ExpectedAvailability, type IndexedAvailability } from './compare-availability.ts';
import { driftKinds, isClean, type DriftKind } from './compare-streams.ts';
import { reportJson } from './verify-report.ts';

export interface AvailabilityReport {
  index: string;
  indexExists: boolean;
  database: string;
  comparison: AvailabilityComparison;
  seconds: number;
}

export async function verifyAvailability(settings: ClientSettings, { limit, pageSize = 10_000 }: { limit: number; pageSize?: number }): Promise<AvailabilityReport> {
  const started = performance.now();
  const account = settings.sagaMysql.inventory;
  const elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 0, requestTimeout: 30_000 });
  let connection: Connection | undefined;
  try {
    connection = await mysql.createConnection({ ...account, connectTimeout: 3_000 }).catch((error: unknown) => {
      throw new UserError(`the inventory database at ${account.host}:${account.port} is not reachable as ${account.user}: ${errorText(error)}`, 'start the stack with `npm run up` (`npm run status` shows what runs)', { cause: error });
    });
    const index = settings.availabilityIndex;
    const indexExists = await elastic.indices.exists({ index });
    await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const expected: ExpectedAvailability[] = (await readRoomTypeRows(connection)).map((row) => expectedOf(row, roomTypeRowToDocument, () => `room_type:${String(row.id)}`));
    for await (const row of readRoomNightRows(connection, pageSize)) {
      expected.push(expectedOf(row, roomNightRowToDocument, () => `night:${String(row.room_type_id)}:${String(row.night)}`));
    }
    const indexed = indexExists ? await readAvailabilityDocuments(elastic, index, pageSize) : [];
    return { index, indexExists, database: account.database, comparison: compareAvailability(expected, indexed, { limit }), seconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.allSettled([connection?.end(), elastic.close()]);
  }
}

function expectedOf(row: Record<string, unknown>, toDocument: (row: Record<string, unknown>) => AvailabilityDocument, idOf: () => string): ExpectedAvailability {
  try {
    const document = toDocument(row);
    return { id: availabilityDocumentId(document), document };
  } catch (error) {
    if (error instanceof PoisonMessageError) return { id: idOf(), problem: error.message };
    throw error;
  }
}

/** Every document, sorted on fields with doc values (Elasticsearch 8 refuses to sort on _id by default). */
export async function readAvailabilityDocuments(client: Client, index: string, pageSize: number): Promise<IndexedAvailability[]> {
  const documents: IndexedAvailability[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const response = await client.search<Record<string, unknown>>({
      index,
      size: pageSize,
      track_total_hits: false,
      query: { match_all: {} },
      sort: [{ room_type_id: 'asc' }, { kind: 'desc' }, { night: { order: 'asc', missing: '_first' } }],
      ...(after ? { search_after: after as never } : {}),
    });
    const hits = response.hits.hits;
    for (const hit of hits) documents.push({ id: hit._id ?? '', source: hit._source ?? {} });
    if (hits.length < pageSize) return documents;
    after = hits[hits.length - 1]!.sort;
  }
}

const labels: Record<DriftKind, string> = {
  missing: 'rows missing from search',
  extra: 'documents with no row',
  differing: 'documents that differ from their row',
  unindexable: 'rows the indexer refuses',
};

export function formatAvailabilityReport(report: AvailabilityReport, limit: number): string {
  const c = report.comparison;
  const idsOf = (kind: DriftKind) => {
    const { count, ids } = c.drift[kind];
    const listed = ids.map((id) => (kind === 'differing' ? `${id} (${(c.differingFields[id] ?? []).join(' ')})` : kind === 'unindexable' ? `${id} (${c.problems[id] ?? ''})` : id)).join(', ');
    return count > ids.length ? `${listed}${listed ? ', ' : ''}… (${count - ids.length} more)` : listed;
  };
  const table = renderTable(
    ['', 'count', `ids (first ${limit})`],
    [
      [`rows in ${report.database}.room_types and .room_nights`, String(c.rows), ''],
      [`documents in ${report.index}${report.indexExists ? '' : ' (does not exist)'}`, String(c.documents), ''],
      ...driftKinds.map((kind) => [labels[kind], String(c.drift[kind].count), idsOf(kind)]),
    ],
  );
  return availabilityClean(c) ? `${table}\n✔ date search matches the inventory (${report.seconds.toFixed(1)} s)` : table;
}

export function availabilityClean(comparison: AvailabilityComparison): boolean {
  return isClean(comparison);
}

/** The hotels' JSON shape (verify-report.ts), under `availability` in `npm run verify -- --json`. */
export function availabilityJson(report: AvailabilityReport) {
  return reportJson(report);
}
