/**
 * `npm run verify` against the real stack (issue 9): its two readers page through
 * the real database and index in id order, it exits 0 when search matches the
 * database, and after drift made directly in Elasticsearch (a document deleted, a
 * document's field changed, a document with no row) it exits 1 and names exactly
 * those ids in --json.
 *
 * It borrows the stack (support/borrowed-stack.ts) and leaves it whole: its two
 * hotels are deleted through the API, the documents it touched are deleted from the
 * index, and verify is clean again at the end.
 */
import { Client } from '@elastic/elasticsearch';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HotelDocument } from '../../services/lib/hotel-document.ts';
import { clientSettings, type ClientSettings } from '../../scripts/lib/platform-client/client-settings.ts';
import { readDatabaseRows } from '../../scripts/lib/verify/database-rows.ts';
import { readIndexDocuments } from '../../scripts/lib/verify/index-documents.ts';
import { api, awaitSearch, createHotel, uniqueToken, type Hotel } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { runCli } from './support/run-cli.ts';
import { stack } from './support/running-stack.ts';

let settings: ClientSettings;
let db: Connection;
let elastic: Client;
const createdIds: number[] = [];
const touchedDocumentIds: number[] = [];

beforeAll(async () => {
  await borrowStack();
  settings = clientSettings(stack());
  db = await mysql.createConnection({ ...settings.mysql, connectTimeout: 5_000 });
  elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 1, requestTimeout: 10_000 });
});

afterAll(async () => {
  await restore();
  await Promise.allSettled([db?.end(), elastic?.close()]);
});

/** The hotels go through the API (the indexer deletes their documents); what the test wrote straight into the index goes too. */
async function restore(): Promise<void> {
  await Promise.allSettled(createdIds.splice(0).map((id) => api(settings.apiUrl, 'DELETE', `/api/hotels/${id}`)));
  // The indexer's deletes may lose to the versions this test wrote (409, dropped as stale): delete directly as well.
  await Promise.allSettled(
    [...new Set([...touchedDocumentIds.splice(0), ...createdIds])].map((id) =>
      elastic.delete({ index: settings.searchIndex, id: String(id), refresh: true }, { ignore: [404] }),
    ),
  );
}

async function verifyJson(): Promise<{ code: number; report: Record<string, any> }> {
  const { code, output } = await runCli(['verify', '--json', '--limit', '100']);
  const json = output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1);
  return { code, report: JSON.parse(json) };
}

async function collectIds(items: AsyncIterable<{ id: number }>): Promise<number[]> {
  const ids: number[] = [];
  for await (const item of items) ids.push(item.id);
  return ids;
}

async function indexedHotel(token: string): Promise<Hotel> {
  const hotel = await createHotel(settings.apiUrl, { name: `Verify ${token}`, city: 'Ghent', stars: 3 });
  createdIds.push(hotel.id);
  await awaitSearch(settings.apiUrl, token, hotel.id);
  return hotel;
}

describe('verify', () => {
  test('its readers page through the real database and index in ascending id order', async () => {
    await indexedHotel(uniqueToken('verifypages'));
    const [rows] = await db.query<RowDataPacket[]>('SELECT id FROM hotels ORDER BY id');
    const rowIds = rows.map((row) => Number(row.id));
    expect(rowIds.length).toBeGreaterThan(2); // pages of 2 below: more than one page on each side
    // Pages of 2: the keyset and search_after cursors carry every page on from the last.
    expect(await collectIds(readDatabaseRows(db, 2))).toEqual(rowIds);
    const everyDocument = await elastic.search({ index: settings.searchIndex, size: 10_000, _source: false, sort: [{ id: 'asc' }] });
    const documentIds = everyDocument.hits.hits.map((hit) => Number(hit._id));
    expect(await collectIds(readIndexDocuments(elastic, settings.searchIndex, 2))).toEqual(documentIds);
  });

  test('exits 0 when search matches the database, 1 naming exactly the drifted ids, and 0 once restored', async () => {
    const deleted = await indexedHotel(uniqueToken('verifydeleted'));
    const changed = await indexedHotel(uniqueToken('verifychanged'));
    const clean = await verifyJson();
    expect(clean.report).toMatchObject({ clean: true, missing: { count: 0 }, extra: { count: 0 }, differing: { count: 0 } });
    expect(clean.code).toBe(0);
    expect(clean.report.rows).toBe(clean.report.documents);

    // Drift made straight in Elasticsearch, where the pipeline cannot see it.
    const orphan = changed.id + 1_000_000;
    const [orphanRows] = await db.query<RowDataPacket[]>('SELECT id FROM hotels WHERE id = ?', [orphan]);
    expect(orphanRows).toHaveLength(0);
    touchedDocumentIds.push(deleted.id, changed.id, orphan);
    const index = settings.searchIndex;
    await elastic.delete({ index, id: String(deleted.id), refresh: true });
    const current = await elastic.get<HotelDocument>({ index, id: String(changed.id) });
    await elastic.index({ index, id: String(changed.id), document: { ...current._source!, name: 'Changed behind the pipeline' }, refresh: true });
    const orphanDocument: HotelDocument = { ...current._source!, id: orphan, name: 'No row' };
    await elastic.index({ index, id: String(orphan), document: orphanDocument, refresh: true });

    const drifted = await verifyJson();
    expect(drifted.report).toMatchObject({
      clean: false,
      missing: { count: 1, ids: [deleted.id] },
      differing: { count: 1, ids: [changed.id] },
      extra: { count: 1, ids: [orphan] },
      unindexable: { count: 0, ids: [] },
      differingFields: { [changed.id]: ['name'] },
    });
    expect(drifted.code).toBe(1);

    await restore();
    const restored = await verifyJson();
    expect(restored.report).toMatchObject({ clean: true });
    expect(restored.code).toBe(0);
  });

  test('a bad option is a usage error that names the fix', async () => {
    const { code, output } = await runCli(['verify', '--limit', '-1']);
    // 2, like every usage error (scripts/lib/errors.ts): 1 means the stacks differ.
    expect(code).toBe(2);
    expect(output).toMatch(/--limit must be a whole number from 0 to 10000, got -1\n\s+fix: npm run verify -- \[--limit N\] \[--json\]/);
  });
});
