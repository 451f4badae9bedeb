/**
 * Versions that survive re-insert (issue 9): a row deleted and inserted again with
 * the same id, and a row rewritten by REPLACE INTO, end up searchable with their
 * new content, although the writer (root with mysql2, as a restore or a fixture
 * reload would) sets no version. Elasticsearch keeps the deleted document's
 * tombstone (version + 1, services/search-indexer/bulk-plan.ts) for
 * index.gc_deletes (60 s), so the re-insert below, seconds after the delete was
 * indexed, must carry a higher version or the indexer drops it as stale.
 *
 * Order: the files borrow one stack and leave it running for the next
 * (support/file-order.ts); the run gives it back as it found it. Its rows are
 * deleted.
 */
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { searchPath } from '../../scripts/lib/platform-client/api-client.ts';
import { api, awaitSearch, createHotel, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { rootConnection, stackConfig, urls } from './support/running-stack.ts';

let base: string;
let root: Connection;
const createdIds: number[] = [];

beforeAll(async () => {
  await borrowStack();
  base = urls().api;
  root = await rootConnection(stackConfig().MYSQL_DATABASE);
});

afterAll(async () => {
  await Promise.allSettled(createdIds.map((id) => api(base, 'DELETE', `/api/hotels/${id}`)));
  await root?.end().catch(() => undefined);
});

/** A hotel created through the API and already in search, so the writes below race a real document. */
async function indexedHotel(token: string) {
  const hotel = await createHotel(base, { name: `Original ${token}`, city: 'Tallinn', stars: 3 });
  createdIds.push(hotel.id);
  await awaitSearch(base, token, hotel.id);
  return hotel;
}

async function searchedName(q: string, id: number): Promise<string | undefined> {
  const response = await api(base, 'GET', searchPath(q));
  const hits = (response.body as { hits?: { id: number; name: string }[] }).hits ?? [];
  return hits.find((hit) => hit.id === id)?.name;
}

describe('versions survive re-insert, whatever writer did it', () => {
  test('DELETE then INSERT of the same id within seconds: the new row becomes searchable', async () => {
    const token = uniqueToken('reinsert');
    const hotel = await indexedHotel(token);
    expect((await api(base, 'DELETE', `/api/hotels/${hotel.id}`)).status).toBe(204);
    // The delete is indexed: Elasticsearch now holds the tombstone the re-insert must outrank.
    await awaitSearch(base, token, hotel.id, false);

    const renewed = uniqueToken('renewed');
    await root.query('INSERT INTO hotels (id, name, city, stars) VALUES (?, ?, ?, ?)', [hotel.id, `Restored ${renewed}`, 'Tallinn', 4]);
    await awaitSearch(base, renewed, hotel.id);
    expect(await searchedName(renewed, hotel.id)).toBe(`Restored ${renewed}`);
  });

  test('REPLACE INTO on an existing id: search shows the new name', async () => {
    const token = uniqueToken('replace');
    const hotel = await indexedHotel(token);

    const renamed = uniqueToken('renamed');
    await root.query('REPLACE INTO hotels (id, name, city, stars) VALUES (?, ?, ?, ?)', [hotel.id, `Replaced ${renamed}`, 'Tallinn', 5]);
    await awaitSearch(base, renamed, hotel.id);
    expect(await searchedName(renamed, hotel.id)).toBe(`Replaced ${renamed}`);
    await awaitSearch(base, token, hotel.id, false);
  });
});
