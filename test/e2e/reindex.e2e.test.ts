/**
 * Alias, reindex and no accidental index (issue 9), against the real stack:
 * - the index deleted: status says so with the fix, the indexer neither re-creates
 *   it (a dynamic mapping would make `city_key` text and break the city filter) nor
 *   dead-letters the changes that arrive meanwhile; `npm run reindex` repairs it and
 *   those changes are searchable;
 * - a reindex while rows are inserted and updated keeps every write at its last
 *   version;
 * - a stack whose `hotels` is a concrete index (from before the alias) is moved
 *   behind the alias by the indexer at start, without losing a document.
 * Borrows the stack (support/borrowed-stack.ts).
 */
import { Client } from '@elastic/elasticsearch';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hotelIndexDefinition } from '../../services/lib/hotel-document.ts';
import { notReady, ready } from '../../scripts/lib/wait/poll.ts';
import { eventually, within } from '../../scripts/lib/wait/within.ts';
import { api, awaitSearch, createHotel, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { docker as dockerAsync } from './support/fault-tools.ts';
import { runCli } from './support/run-cli.ts';
import { containers, rootConnection, stack, stackConfig, urls } from './support/running-stack.ts';

let base: string;
let root: Connection;
let elastic: Client;
const names = stack().names.search;
const createdIds: number[] = [];

beforeAll(async () => {
  await borrowStack();
  base = urls().api;
  root = await rootConnection(stackConfig().MYSQL_DATABASE);
  elastic = new Client({ node: urls().elasticsearch, maxRetries: 0, requestTimeout: 30_000 });
});

afterAll(async () => {
  if (createdIds.length > 0) await root?.query('DELETE FROM hotels WHERE id IN (?)', [createdIds]).catch(() => undefined);
  await root?.end().catch(() => undefined);
  await elastic?.close();
});

async function aliasTargets(): Promise<Array<{ alias: string; index: string }>> {
  return (await elastic.cat.aliases({ name: `${names.alias},${names.reindexAlias}`, format: 'json' })) as Array<{ alias: string; index: string }>;
}

async function statusJson() {
  const result = await runCli(['status', '--json']);
  expect(result.code).toBe(0);
  const json = JSON.parse(result.output.slice(result.output.indexOf('{'))) as {
    search: { deadLetters: number | { error: string }; report: { problems: Array<{ problem: string; fix: string }>; rows: Array<{ what: string; value: string }> } };
  };
  return json.search;
}

describe('the search index behind an alias', () => {
  test('a deleted index is reported, not silently re-created, and npm run reindex repairs it with its mapping', async () => {
    const city = `Reindexcity${uniqueToken('c')}`;
    const token = uniqueToken('before');
    const before = await createHotel(base, { name: `Before ${token}`, city, stars: 3 });
    createdIds.push(before.id);
    await awaitSearch(base, token, before.id);
    const deadLettersBefore = (await statusJson()).deadLetters;
    expect(typeof deadLettersBefore).toBe('number');

    const [writeIndex] = (await aliasTargets()).filter((row) => row.alias === names.alias).map((row) => row.index);
    expect(writeIndex).toMatch(new RegExp(`^${names.versionPrefix}\\d+$`));
    await elastic.indices.delete({ index: writeIndex! });

    // A change arriving while the index is gone: with auto-creation on, this write re-created `hotels`.
    const whileMissing = uniqueToken('missing');
    const during = await createHotel(base, { name: `During ${whileMissing}`, city, stars: 4 });
    createdIds.push(during.id);

    const missing = await within(
      'npm run status reports the missing search index with its fix',
      async () => {
        const search = await statusJson();
        const problem = search.report.problems.find((p) => p.fix.includes('npm run reindex'));
        return problem ? ready({ problem, search }) : notReady(JSON.stringify(search.report.rows));
      },
      { budgetMs: 60_000, intervalMs: 2_000 },
    );
    expect(missing.problem.problem).toContain('points at no index');
    expect(await elastic.indices.exists({ index: names.alias })).toBe(false);
    expect(missing.search.deadLetters).toEqual(deadLettersBefore);

    const reindex = await runCli(['reindex']);
    expect(reindex.code).toBe(0);

    const mapping = await elastic.indices.getMapping({ index: names.alias });
    const [concrete] = Object.keys(mapping);
    expect(concrete).toMatch(new RegExp(`^${names.versionPrefix}\\d+$`));
    expect(mapping[concrete!]!.mappings.properties!.city_key).toMatchObject({ type: 'keyword' });
    await awaitSearch(base, token, before.id);
    await awaitSearch(base, whileMissing, during.id);

    const byCity = await api(base, 'GET', `/api/search?${new URLSearchParams({ q: '', city: city.toLowerCase(), limit: '10' })}`);
    expect(byCity.status).toBe(200);
    expect((byCity.body as { hits: Array<{ id: number }> }).hits.map((h) => h.id).sort()).toEqual([before.id, during.id].sort());
    // The indexer's health reports the index as of its last check, so status may still carry
    // "points at no index" for a moment after the swap: wait (bounded) for it to see the alias again.
    const repaired = await within(
      'status without problems after reindex',
      async () => {
        const now = await statusJson();
        return now.report.problems.length === 0 ? ready(now) : notReady(now.report.problems.map((p: { problem: string }) => p.problem).join('; '));
      },
      { budgetMs: 60_000, intervalMs: 1_000 },
    );
    expect(repaired.report.problems).toEqual([]);
    expect(repaired.deadLetters).toEqual(deadLettersBefore);
  });

  test('a reindex while rows are inserted and updated keeps every write at its last version', async () => {
    const [oldIndex] = (await aliasTargets()).filter((row) => row.alias === names.alias).map((row) => row.index);
    const token = uniqueToken('live');
    let writing = true;
    const ids: number[] = [];
    const writer = (async () => {
      for (let n = 0; writing || n < 20; n++) {
        const [inserted] = await root.query<ResultSetHeader>('INSERT INTO hotels (name, city, stars) VALUES (?, ?, ?)', [`Live ${token} ${n}`, 'Tartu', 3]);
        ids.push(inserted.insertId);
        createdIds.push(inserted.insertId);
        const earlier = ids[Math.floor(ids.length / 2)]!;
        await root.query('UPDATE hotels SET stars = 1 + (stars % 5) WHERE id = ?', [earlier]);
      }
    })();
    const reindex = await runCli(['reindex']);
    writing = false;
    await writer;
    expect(reindex.code).toBe(0);

    const [rows] = await root.query<RowDataPacket[]>('SELECT id, stars, version FROM hotels WHERE id IN (?)', [ids]);
    await within(
      `all ${rows.length} rows written during the reindex are in the index at their last version`,
      async () => {
        const docs = await elastic.mget<{ stars: number; version: number }>({ index: names.alias, ids: ids.map(String) });
        const wrong = rows.filter((row) => {
          const doc = docs.docs.find((d) => d._id === String(row.id));
          return !doc || !('found' in doc) || !doc.found || doc._source!.version !== Number(row.version) || doc._source!.stars !== row.stars;
        });
        return wrong.length === 0 ? ready() : notReady(`${wrong.length} differ, e.g. id ${wrong[0]!.id}`);
      },
      { budgetMs: 60_000, intervalMs: 500 },
    );
    const after = await aliasTargets();
    expect(after.filter((row) => row.alias === names.alias).map((row) => row.index)).not.toContain(oldIndex);
    expect(after.filter((row) => row.alias === names.reindexAlias)).toEqual([]);
    expect(await elastic.indices.exists({ index: oldIndex! })).toBe(false);
  });

  test('a concrete hotels index from before the alias is moved behind it by the indexer, keeping every document', async () => {
    const indexer = containers().find((c) => c.service === 'search-indexer')!;
    // Awaited, not the synchronous docker(): a stop takes seconds (the indexer drains), and a
    // blocked event loop keeps the Elasticsearch client from retiring its idle socket, which
    // HAProxy closes after 5 s; the next call then went out on it ("other side closed").
    await dockerAsync(['stop', indexer.id]);
    try {
      // Rebuild the old layout: the documents, with their versions, in a concrete index named `hotels`.
      const [current] = (await aliasTargets()).filter((row) => row.alias === names.alias).map((row) => row.index);
      const page = await elastic.search<Record<string, unknown>>({ index: current!, size: 10_000, version: true, query: { match_all: {} } });
      const documents = page.hits.hits;
      expect(documents.length).toBeGreaterThan(0);
      await elastic.indices.delete({ index: current! });
      await elastic.indices.create({ index: names.alias, settings: hotelIndexDefinition.settings, mappings: hotelIndexDefinition.mappings as never });
      await elastic.bulk({
        refresh: true,
        operations: documents.flatMap((hit) => [{ index: { _index: names.alias, _id: hit._id, version: hit._version, version_type: 'external' as const } }, hit._source!]),
      });
      expect((await elastic.count({ index: names.alias })).count).toBe(documents.length);
    } finally {
      await dockerAsync(['start', indexer.id]);
    }

    await eventually(
      `the indexer moved ${names.alias} behind the alias`,
      async () => (await aliasTargets()).find((row) => row.alias === names.alias),
      { budgetMs: 120_000, intervalMs: 1_000 },
    );
    const countAfter = (await elastic.count({ index: names.alias })).count;
    const [rowCount] = await root.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM hotels');
    expect(countAfter).toBe(Number(rowCount[0]!.n));

    const token = uniqueToken('migrated');
    const hotel = await createHotel(base, { name: `After ${token}`, city: 'Narva', stars: 2 });
    createdIds.push(hotel.id);
    await awaitSearch(base, token, hotel.id, true, 60_000);
  });
});
