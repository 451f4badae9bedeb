/**
 * Date search through the Kafka pipeline (issue 21), against the real stack: the inventory
 * → Debezium (inventory-cdc-<engine>) → Kafka → search-indexer → Elasticsearch → GET /api/search.
 * - date search answers exactly the hotels the inventory database says have a room type
 *   free on every night for that many guests, each with its lowest total;
 * - a booking (public API) of a hotel's last room drops it from that date search, and
 *   its cancel brings it back;
 * - `npm run verify` names drift made directly in the availability index, and
 *   `npm run reindex` repairs it.
 * The stay is one far-off night of a room type that alone in its hotel fits its capacity
 * in guests, set to one free room (as bench:availability does); the night gets its rooms
 * back at the end. Borrows the stack (support/borrowed-stack.ts).
 */
import { Client } from '@elastic/elasticsearch';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { soleFits, type BenchStay } from '../../scripts/lib/bench/availability-bench.ts';
import { addDays, utcToday } from '../../scripts/lib/bench/choose-stays.ts';
import { createApiClient } from '../../scripts/lib/platform-client/api-client.ts';
import { bookingRequest, newIdempotencyKey, TEST_CARDS, type CreatedBooking } from '../../scripts/lib/platform-client/booking-requests.ts';
import { clientSettings, type ClientSettings } from '../../scripts/lib/platform-client/client-settings.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { createElasticHotelSearch, type HotelSearch } from '../../services/catalog-api/hotel-search.ts';
import { availabilityDocumentId, availabilityIndexDefinition } from '../../services/lib/availability-document.ts';
import { hotelIndexDefinition } from '../../services/lib/hotel-document.ts';
import { rowToDocument } from '../../services/search-indexer/row-to-document.ts';
import { api } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { runCli } from './support/run-cli.ts';
import { stack } from './support/running-stack.ts';

let settings: ClientSettings;
let inventory: Connection;
let bookings: Connection;
let elastic: Client;
let stay: BenchStay;
let freeBefore: number | undefined;
let nightlyPriceMinor: number;

/** A night no other test or bench uses: 250 days ahead (the benches start at 300, the other tests within weeks). */
const DAY = 250;

beforeAll(async () => {
  await borrowStack();
  settings = clientSettings(stack());
  inventory = await mysql.createConnection({ ...settings.sagaMysql.inventory, dateStrings: ['DATE'], timezone: 'Z' });
  bookings = await mysql.createConnection({ ...settings.sagaMysql.booking });
  elastic = new Client({ node: settings.elasticsearchUrl, maxRetries: 1, requestTimeout: 10_000 });
  const [types] = await inventory.query<RowDataPacket[]>('SELECT id, hotel_id, capacity, nightly_price_minor FROM room_types ORDER BY id');
  const [roomType] = soleFits(types.map((row) => ({ hotelId: Number(row.hotel_id), roomTypeId: Number(row.id), capacity: Number(row.capacity) })));
  if (!roomType) throw new Error('the sample inventory has no room type that alone in its hotel fits its capacity');
  nightlyPriceMinor = Number(types.find((row) => Number(row.id) === roomType.roomTypeId)!.nightly_price_minor);
  const night = addDays(utcToday(), DAY);
  stay = { hotelId: roomType.hotelId, roomTypeId: roomType.roomTypeId, checkIn: night, checkOut: addDays(night, 1), guests: roomType.capacity };
  const [rows] = await inventory.query<RowDataPacket[]>('SELECT available FROM room_nights WHERE room_type_id = ? AND night = ?', [stay.roomTypeId, night]);
  freeBefore = Number(rows[0]!.available);
  await inventory.query('UPDATE room_nights SET available = 1 WHERE room_type_id = ? AND night = ?', [stay.roomTypeId, night]);
});

afterAll(async () => {
  if (freeBefore !== undefined) await inventory?.query('UPDATE room_nights SET available = ? WHERE room_type_id = ? AND night = ?', [freeBefore, stay.roomTypeId, stay.checkIn]);
  await Promise.allSettled([inventory?.end(), bookings?.end(), elastic?.close()]);
});

interface DateHit {
  id: number;
  stay?: { checkIn: string; checkOut: string; nights: number; guests: number; lowestTotal: { amountMinor: number; currency: string }; roomTypeId: number };
}

async function dateSearch(extra: Record<string, string> = {}): Promise<{ total: number; hits: DateHit[] }> {
  const query = new URLSearchParams({ check_in: stay.checkIn, check_out: stay.checkOut, guests: String(stay.guests), limit: '100', ...extra });
  const response = await api(settings.apiUrl, 'GET', `/api/search?${query}`);
  expect(response.status).toBe(200);
  return response.body as { total: number; hits: DateHit[] };
}

const listed = async () => (await dateSearch({ id: String(stay.hotelId) })).total === 1;
const until = (what: string, check: () => Promise<boolean>) => eventually(what, async () => ((await check()) ? true : undefined), { budgetMs: 20_000, intervalMs: 100 });

async function verifyJson(): Promise<{ code: number; report: Record<string, any> }> {
  const { code, output } = await runCli(['verify', '--json', '--limit', '100']);
  return { code, report: JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1)) };
}

describe('date search (GET /api/search with check_in, check_out, guests)', () => {
  test('answers exactly the hotels the inventory has a room free for on every night, each with its lowest total', async () => {
    await until(`hotel ${stay.hotelId} in date search`, listed);
    // The database's answer to the same question, among the hotels the catalog holds.
    const [free] = await inventory.query<RowDataPacket[]>(
      `SELECT t.hotel_id, MIN(t.nightly_price_minor) AS price FROM room_types t JOIN room_nights n ON n.room_type_id = t.id
        WHERE t.capacity >= ? AND n.night >= ? AND n.night < ? AND n.available >= 1
        GROUP BY t.id, t.hotel_id HAVING COUNT(*) = 1`,
      [stay.guests, stay.checkIn, stay.checkOut],
    );
    const catalog = await mysql.createConnection(settings.mysql);
    const [inCatalog] = await catalog.query<RowDataPacket[]>('SELECT id FROM hotels WHERE id IN (?) ORDER BY id', [[0, ...free.map((row) => Number(row.hotel_id))]]);
    await catalog.end();
    const answer = await dateSearch();
    expect(answer.hits.map((hit) => hit.id).sort((a, b) => a - b)).toEqual(inCatalog.map((row) => Number(row.id)));
    expect(answer.total).toBe(answer.hits.length);
    const ours = answer.hits.find((hit) => hit.id === stay.hotelId)!;
    expect(ours.stay).toEqual({ checkIn: stay.checkIn, checkOut: stay.checkOut, nights: 1, guests: stay.guests, lowestTotal: { amountMinor: nightlyPriceMinor, currency: 'EUR' }, roomTypeId: stay.roomTypeId });
    // Paging counts only the hotels with a room free.
    const firstPage = await dateSearch({ limit: '1' });
    expect(firstPage.total).toBe(answer.total);
    expect(firstPage.hits).toHaveLength(1);
  });

  test("a booking of the hotel's last room drops it from that date search, and its cancel brings it back", async () => {
    await until(`hotel ${stay.hotelId} in date search`, listed);
    const request = { ...bookingRequest({ ...stay, freeBefore: 1 }, TEST_CARDS.succeed, { name: 'Date Search', email: 'dates@example.com' }), guests: stay.guests };
    const response = await createApiBooking(request);
    const booked = Date.now();
    await until(`hotel ${stay.hotelId} gone from date search after booking ${response.number}`, async () => !(await listed()));
    console.log(`date search dropped hotel ${stay.hotelId} ${Date.now() - booked} ms after the booking's POST`);
    await until(`booking ${response.number} CONFIRMED`, async () => {
      const [rows] = await bookings.query<RowDataPacket[]>('SELECT state FROM bookings WHERE number = ?', [response.number]);
      return rows[0]?.state === 'CONFIRMED';
    });
    const cancel = await cancelApiBooking(response);
    expect(cancel).toBe(202);
    const cancelled = Date.now();
    await until(`hotel ${stay.hotelId} back in date search after cancelling ${response.number}`, listed);
    console.log(`date search listed hotel ${stay.hotelId} again ${Date.now() - cancelled} ms after the cancel's POST`);
  });

  test('npm run verify names drift in the availability index, and npm run reindex repairs it', async () => {
    const nightId = `night:${stay.roomTypeId}:${stay.checkIn}`;
    const otherNight = `night:${stay.roomTypeId}:${addDays(stay.checkIn, 1)}`;
    await until('verify clean before the drift', async () => (await verifyJson()).code === 0);
    const index = settings.availabilityIndex;
    await elastic.delete({ index, id: nightId, refresh: true });
    await elastic.update({ index, id: otherNight, doc: { available: 99 }, refresh: true });
    const drifted = await verifyJson();
    expect(drifted.code).toBe(1);
    expect(drifted.report.clean).toBe(false);
    expect(drifted.report.availability.missing.ids).toEqual([nightId]);
    expect(drifted.report.availability.differing.ids).toEqual([otherNight]);
    expect(drifted.report.availability.differingFields).toEqual({ [otherNight]: ['available'] });

    const reindex = await runCli(['reindex']);
    expect(reindex.code, reindex.output).toBe(0);
    expect(reindex.output).toContain(`${index} → `);
    const repaired = await verifyJson();
    expect(repaired.code, JSON.stringify(repaired.report.availability)).toBe(0);
    expect(repaired.report.availability.clean).toBe(true);
    await until(`hotel ${stay.hotelId} in date search after the reindex`, listed);
  });
});

describe('the date search adapter on the real Elasticsearch (indices of its own, exact answers)', () => {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const hotelsIndex = `adapter-hotels-${suffix}`;
  const availabilityIndex = `adapter-availability-${suffix}`;
  const night = (roomTypeId: number, date: string, available: number) => ({ kind: 'night' as const, room_type_id: roomTypeId, night: date, available });
  const roomType = (id: number, hotelId: number, capacity: number, price: number) => ({ kind: 'room_type' as const, room_type_id: id, hotel_id: hotelId, capacity, nightly_price_minor: price, currency: 'EUR' });
  // Hotel 1: room type 11 (2 guests, 100) free both nights, 12 (4 guests, 90) sold out on the second.
  // Hotel 2: room type 21 (2 guests, 80) free both nights. Hotel 3: room type 31 (2 guests) lacks the second night's row.
  const documents = [
    roomType(11, 1, 2, 10_000), night(11, '2027-05-01', 3), night(11, '2027-05-02', 1),
    roomType(12, 1, 4, 9_000), night(12, '2027-05-01', 2), night(12, '2027-05-02', 0),
    roomType(21, 2, 2, 8_000), night(21, '2027-05-01', 1), night(21, '2027-05-02', 5),
    roomType(31, 3, 2, 1_000), night(31, '2027-05-01', 9),
  ];
  const hotel = (id: number) => rowToDocument({ id, name: `Adapter ${suffix} ${id}`, city: 'Porto', stars: 3, description: null, version: 1, created_at: null, updated_at: null });
  let search: HotelSearch;
  const twoNights = { checkIn: '2027-05-01', checkOut: '2027-05-03', nights: 2 };

  beforeAll(async () => {
    await elastic.indices.create({ index: hotelsIndex, settings: hotelIndexDefinition.settings, mappings: hotelIndexDefinition.mappings });
    await elastic.indices.create({ index: availabilityIndex, settings: availabilityIndexDefinition.settings, mappings: availabilityIndexDefinition.mappings });
    await elastic.bulk({ refresh: 'wait_for', operations: [1, 2, 3].flatMap((id) => [{ index: { _index: hotelsIndex, _id: String(id) } }, hotel(id)]) });
    await elastic.bulk({ refresh: 'wait_for', operations: documents.flatMap((d) => [{ index: { _index: availabilityIndex, _id: availabilityDocumentId(d) } }, d]) });
    search = createElasticHotelSearch(elastic, hotelsIndex, availabilityIndex);
  });
  afterAll(async () => {
    await elastic?.indices.delete({ index: [hotelsIndex, availabilityIndex] }, { ignore: [404] });
  });
  const ask = (guests: number, page: { limit?: number; offset?: number } = {}) =>
    search.search({ q: '', city: undefined, limit: page.limit ?? 10, offset: page.offset ?? 0, stay: { ...twoNights, guests } });

  test('a room type counts only with every night free and its capacity enough; each hotel gets its lowest total', async () => {
    const two = await ask(2);
    expect(two.total).toBe(2);
    expect(two.hits.map((hit) => [hit.id, hit.stay?.roomTypeId, hit.stay?.lowestTotal.amountMinor])).toEqual([
      [1, 11, 20_000],
      [2, 21, 16_000],
    ]);
    // 4 guests: only room type 12 fits, and it is sold out on the second night.
    expect(await ask(4)).toEqual({ total: 0, hits: [] });
    // One night: hotel 3's room type and hotel 1's cheaper suite count now.
    const one = await search.search({ q: '', city: undefined, limit: 10, offset: 0, stay: { checkIn: '2027-05-01', checkOut: '2027-05-02', nights: 1, guests: 2 } });
    expect(one.hits.map((hit) => [hit.id, hit.stay?.roomTypeId])).toEqual([
      [1, 12],
      [2, 21],
      [3, 31],
    ]);
  });

  test('pages among the free hotels only', async () => {
    const second = await ask(2, { limit: 1, offset: 1 });
    expect(second.total).toBe(2);
    expect(second.hits.map((hit) => hit.id)).toEqual([2]);
  });
});

async function createApiBooking(body: unknown): Promise<CreatedBooking> {
  const response = await createApiClient(settings.apiUrl, fetch, 10_000).request('POST', '/api/bookings', body, { 'idempotency-key': newIdempotencyKey('datesearch') });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body as CreatedBooking;
}

async function cancelApiBooking(booking: CreatedBooking): Promise<number> {
  return (await createApiClient(settings.apiUrl, fetch, 10_000).request('POST', `/api/bookings/${booking.number}/cancel`, {}, { 'x-booking-pin': booking.pin })).status;
}
