/**
 * inventory's store (services/inventory/inventory-store.ts) against the real database,
 * from the host on the published port, logged in as the inventory service is: its own
 * account (INVENTORY_DB_USER / INVENTORY_DB_PASSWORD from the typed config). The unit
 * tests cover the quote logic with a fake store; only here do the SQL (the IN list, the
 * date range, the GROUP BY) and the grants meet the server. Its rows use a hotel id no
 * sample hotel has and are removed afterwards.
 */
import mysql, { type Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMysqlInventoryStore, type InventoryStore } from '../../services/inventory/inventory-store.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { stack, stackConfig } from './support/running-stack.ts';

const HOTEL_ID = 990_002;
let pool: Pool;
let store: InventoryStore;
const ids: number[] = [];

beforeAll(async () => {
  await borrowStack();
  const inventory = stack().saga.services.inventory;
  pool = mysql.createPool({
    host: '127.0.0.1',
    port: Number(stackConfig().MYSQL_PORT),
    database: inventory.database,
    user: inventory.account,
    password: inventory.password,
    connectionLimit: 2,
    charset: 'utf8mb4',
  });
  store = createMysqlInventoryStore(pool);
  await cleanUp();
  for (const [name, capacity] of [['e2e Single', 1], ['e2e Family', 4]] as const) {
    const [result] = await pool.query("INSERT INTO room_types (hotel_id, name, capacity, room_count, nightly_price_minor, currency) VALUES (?, ?, ?, 2, 9900, 'CHF')", [HOTEL_ID, name, capacity]);
    ids.push((result as { insertId: number }).insertId);
  }
  const [single, family] = ids as [number, number];
  await pool.query('INSERT INTO room_nights (room_type_id, night, available) VALUES ?', [
    [
      [single, '2031-03-01', 2],
      [single, '2031-03-02', 0],
      [single, '2031-03-03', 1],
      [family, '2031-03-01', 2],
    ],
  ]);
});

async function cleanUp() {
  await pool.query('DELETE rn FROM room_nights rn JOIN room_types rt ON rt.id = rn.room_type_id WHERE rt.hotel_id = ?', [HOTEL_ID]);
  await pool.query('DELETE FROM room_types WHERE hotel_id = ?', [HOTEL_ID]);
}

afterAll(async () => {
  if (pool) {
    await cleanUp();
    await pool.end();
  }
});

describe('the inventory store on the real database, with the inventory account', () => {
  test("reads a hotel's room types, and one only under its own hotel", async () => {
    const [single, family] = ids as [number, number];
    expect(await store.roomTypes(HOTEL_ID)).toEqual([
      { id: single, hotelId: HOTEL_ID, name: 'e2e Single', capacity: 1, roomCount: 2, nightlyPriceMinor: 9900, currency: 'CHF' },
      { id: family, hotelId: HOTEL_ID, name: 'e2e Family', capacity: 4, roomCount: 2, nightlyPriceMinor: 9900, currency: 'CHF' },
    ]);
    expect(await store.roomType(HOTEL_ID, family)).toMatchObject({ name: 'e2e Family' });
    expect(await store.roomType(HOTEL_ID + 1, family)).toBeUndefined();
  });

  test('counts the stocked nights in [check-in, check-out) and the fewest free rooms, per room type', async () => {
    const [single, family] = ids as [number, number];
    const stocked = await store.stockedNights([single, family], '2031-03-01', '2031-03-03');
    expect(stocked.get(single)).toEqual({ nights: 2, fewestAvailable: 0 });
    expect(stocked.get(family)).toEqual({ nights: 1, fewestAvailable: 2 });
    // check-out's night is not part of the stay; a room type without rows is absent.
    expect((await store.stockedNights([single], '2031-03-03', '2031-03-04')).get(single)).toEqual({ nights: 1, fewestAvailable: 1 });
    expect((await store.stockedNights([single], '2031-04-01', '2031-04-05')).size).toBe(0);
    expect((await store.stockedNights([], '2031-03-01', '2031-03-03')).size).toBe(0);
  });

  test('the database refuses a night below zero (available_never_negative)', async () => {
    const [single] = ids as [number];
    await expect(pool.query("UPDATE room_nights SET available = available - 1 WHERE room_type_id = ? AND night = '2031-03-02'", [single])).rejects.toThrow(/available_never_negative|CONSTRAINT/i);
  });
});
