/**
 * catalog-api's two adapters against the real servers of the stack, from the host
 * on the published ports: hotel-store.ts with mysql2 on MySQL/MariaDB, and
 * hotel-search.ts with @elastic/elasticsearch on Elasticsearch; and the
 * search-indexer's dead-letter sending with kafkajs on the real broker. The unit tests
 * cover the handlers with fakes; only here do the SQL, the trigger, the index
 * mapping and the query meet the servers that run them.
 *
 * Order: the files borrow one stack and leave it running for the next
 * (support/file-order.ts); the run gives it back as it found it. Its rows are
 * deleted and its search index dropped.
 */
import { Client } from '@elastic/elasticsearch';
import kafkajs from 'kafkajs';
import mysql, { type Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createElasticHotelSearch, type HotelSearch } from '../../services/catalog-api/hotel-search.ts';
import { createMysqlHotelStore, type HotelStore } from '../../services/catalog-api/hotel-store.ts';
import { hotelIndexDefinition } from '../../services/lib/hotel-document.ts';
import { createLogger } from '../../services/kit/logger.ts';
import { classifyBulkItem } from '../../services/search-indexer/bulk-outcome.ts';
import { readMaxMessageBytes } from '../../services/kit/kafka/dead-letter-limit.ts';
import { indexBatch } from '../../services/search-indexer/index-batch.ts';
import { rowToDocument } from '../../services/search-indexer/row-to-document.ts';
import { clientSettings, type ClientSettings } from '../../scripts/lib/platform-client/client-settings.ts';
import { uniqueToken } from './support/api.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { stack } from './support/running-stack.ts';

let settings: ClientSettings;
let pool: Pool;
let elastic: Client;
let store: HotelStore;
const createdIds: number[] = [];

beforeAll(async () => {
  await borrowStack();
  settings = clientSettings(stack());
  // As services/catalog-api/main.ts builds them, pointed at the published ports.
  pool = mysql.createPool({ ...settings.mysql, connectionLimit: 2, connectTimeout: 5_000, charset: 'utf8mb4' });
  elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 1, requestTimeout: 10_000 });
  store = createMysqlHotelStore(pool);
});

afterAll(async () => {
  await Promise.allSettled(createdIds.map((id) => store?.remove(id)));
  await Promise.allSettled([pool?.end(), elastic?.close()]);
});

describe('hotel-store.ts on the real database', () => {
  test('create, get, replace and remove round-trip every field, and the trigger bumps the version', async () => {
    const token = uniqueToken('adapterstore');
    // Quotes, a backslash, SQL syntax and a 4-byte character: placeholders and utf8mb4 must keep them as they are.
    const name = `O'Brien's "Inn" \\ ; DROP TABLE hotels; -- 🏨 ${token}`;
    const startedAt = Date.now();
    const created = await store.create({ name, city: 'Ghent', stars: 4, description: null });
    createdIds.push(created.id);
    expect(created).toMatchObject({ name, city: 'Ghent', stars: 4, description: null, version: 1 });
    expect(created.id).toBeGreaterThan(0);
    // Timestamps come back as UTC ISO strings, whatever the session time zone (second precision, 5 s of clock drift).
    expect(Math.abs(Date.parse(created.created_at) - startedAt)).toBeLessThan(5_000);
    expect(await store.get(created.id)).toEqual(created);

    const replaced = await store.replace(created.id, { name: `Renamed ${token}`, city: 'Bruges', stars: 5, description: 'canal view' });
    expect(replaced).toMatchObject({ id: created.id, name: `Renamed ${token}`, city: 'Bruges', stars: 5, description: 'canal view', version: 2 });
    expect(replaced!.created_at).toBe(created.created_at);

    expect(await store.remove(created.id)).toBe(true);
    expect(await store.get(created.id)).toBeUndefined();
    expect(await store.remove(created.id)).toBe(false);
  });

  test('a missing id is undefined for get and replace, and the pool answers ping', async () => {
    const missing = 4_000_000_000; // BIGINT UNSIGNED, far beyond any id the tests create
    expect(await store.get(missing)).toBeUndefined();
    expect(await store.replace(missing, { name: 'nobody', city: 'Nowhere', stars: 1, description: null })).toBeUndefined();
    await expect(store.ping()).resolves.toBeUndefined();
  });

  test('a row written by the store reaches the search adapter through change capture', async () => {
    const token = uniqueToken('adaptercdc');
    const created = await store.create({ name: `Captured ${token}`, city: 'Riga', stars: 3, description: null });
    createdIds.push(created.id);
    const search = createElasticHotelSearch(elastic, settings.searchIndex, settings.availabilityIndex);
    const result = await eventually(`search adapter finds hotel ${created.id}`, async () => {
      const answer = await search.search({ q: token, city: undefined, limit: 10, offset: 0 });
      return answer.total > 0 ? answer : undefined;
    }, { budgetMs: 30_000, intervalMs: 250 });
    expect(result).toMatchObject({ total: 1, hits: [{ id: created.id, name: `Captured ${token}`, city: 'Riga', stars: 3, version: 1 }] });
  });
});

describe('hotel-search.ts on the real Elasticsearch', () => {
  // An index of its own with the indexer's mapping: exact totals, whatever else the stack holds.
  const index = `adapter-test-${uniqueToken('')}`;
  const token = uniqueToken('adaptersearch');
  let search: HotelSearch;
  const row = (id: number, name: string, city: string, description: string | null) =>
    rowToDocument({ id, name, city, stars: 3, description, version: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });
  const docs = [
    row(1, `Harbour ${token}`, 'Porto', null),
    row(2, 'Quiet Rooms', 'Porto', `near the ${token} market`),
    row(3, `Old ${token} House`, 'Lisbon', null),
    row(4, 'Unrelated Inn', 'Porto', null),
  ];

  beforeAll(async () => {
    await elastic.indices.create({ index, settings: hotelIndexDefinition.settings, mappings: hotelIndexDefinition.mappings });
    await elastic.bulk({ refresh: 'wait_for', operations: docs.flatMap((doc) => [{ index: { _index: index, _id: String(doc.id) } }, doc]) });
    search = createElasticHotelSearch(elastic, index, settings.availabilityIndex);
  });
  afterAll(async () => {
    await elastic?.indices.delete({ index }, { ignore: [404] });
  });

  test('text matches name, city and description, a name match ranks first, and city_key stays internal', async () => {
    const result = await search.search({ q: token, city: undefined, limit: 10, offset: 0 });
    expect(result.total).toBe(3);
    expect(result.hits.map((hit) => hit.id).sort()).toEqual([1, 2, 3]);
    expect(result.hits.at(-1)!.id).toBe(2); // description only: boosted fields rank above it
    expect(result.hits[0]).toEqual({ id: 1, name: `Harbour ${token}`, city: 'Porto', stars: 3, description: null, images: [], version: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' });
  });

  test('every word must match (operator and), and the city filter ignores case', async () => {
    expect((await search.search({ q: `harbour ${token}`, city: undefined, limit: 10, offset: 0 })).hits.map((hit) => hit.id)).toEqual([1]);
    expect((await search.search({ q: token, city: 'PORTO', limit: 10, offset: 0 })).hits.map((hit) => hit.id).sort()).toEqual([1, 2]);
  });

  test('without text: everything in the city, in id order, paged with the full total', async () => {
    const page = await search.search({ q: '', city: 'porto', limit: 2, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.hits.map((hit) => hit.id)).toEqual([2, 4]);
  });

  test('ping reads the cluster health', async () => {
    await expect(search.ping()).resolves.toBeUndefined();
  });
});

describe('dead letters on the real broker', () => {
  // A topic of its own with a small limit: the same refusal the 1 MiB default gives 500 letters of 2 kB and more.
  const topic = `dlq-limit-test-${uniqueToken('')}`;
  const maxMessageBytes = 65_536;
  let kafka: InstanceType<typeof kafkajs.Kafka>;
  let admin: ReturnType<InstanceType<typeof kafkajs.Kafka>['admin']>;
  let producer: ReturnType<InstanceType<typeof kafkajs.Kafka>['producer']>;

  beforeAll(async () => {
    kafka = new kafkajs.Kafka({ clientId: 'adapters-e2e', brokers: [settings.kafkaBroker], logLevel: kafkajs.logLevel.NOTHING });
    admin = kafka.admin();
    producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: kafkajs.Partitioners.DefaultPartitioner });
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: String(maxMessageBytes) }] }] });
  });
  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
  });

  test("every dead letter of a chunk far above the topic's max.message.bytes arrives, one larger than the limit alone included", async () => {
    expect(await readMaxMessageBytes(admin, topic)).toBe(maxMessageBytes);
    const change = (id: number, bytes: number) => ({
      topic: 'cdc.booking.hotels',
      partition: 0,
      offset: String(id),
      key: Buffer.from(JSON.stringify({ id })),
      value: Buffer.from(JSON.stringify({ id, name: `Hotel ${id}`, city: 'Graz', stars: 3, description: 'x'.repeat(bytes), version: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', __op: 'c', __deleted: 'false' })),
    });
    const messages = [...Array.from({ length: 300 }, (_, i) => change(i + 1, 1_000)), change(301, 200_000)];
    let attempts = 0;
    const refusals: string[] = [];
    const result = await indexBatch(messages, {
      bulk: async (actions) => actions.map(() => classifyBulkItem('index', { status: 400, error: { type: 'mapper_parsing_exception', reason: 'refused for the test' } })),
      sendDeadLetters: async (letters) => void (await producer.send({ topic, messages: letters })),
      deadLetterMaxBytes: () => maxMessageBytes,
      onDeadLetters: (state, error) => void (state === 'retrying' && refusals.push(String((error as Error).message))),
      // A bound on the test, not on the indexer: a refused batch would be retried forever.
      retry: { shouldContinue: () => ++attempts < 10, sleep: async () => {} },
      log: createLogger({}, { write: () => {} }),
    });
    expect(refusals).toEqual([]);
    expect(result).toMatchObject({ completed: true, stats: { deadLettered: 301 } });
    const [partition] = await admin.fetchTopicOffsets(topic);
    expect(Number(partition!.high)).toBe(301);
  });
});
