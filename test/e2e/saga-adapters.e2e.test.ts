/**
 * The saga's SQL adapters against the real database server of the stack (from the host,
 * as root, on the published port): the kit's outbox and inbox (services/kit/saga/), the
 * inventory's hold store and the payment store, with the handlers that use them. The unit
 * tests cover the handlers with an in-memory fake; only here do the statements, the
 * CHECK constraint, row locks under concurrency and the engine's error numbers meet the
 * server. Each run works in a scratch database built from the real migration files
 * (mysql/saga-messaging, mysql/inventory, mysql/payments), dropped at the end, so the
 * stack's own data is never touched. The stack is borrowed and given back as found.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holdCommands } from '../../services/inventory/hold-commands.ts';
import { sweepExpiredHolds } from '../../services/inventory/hold-expiry-sweeper.ts';
import { sqlInventoryTransact } from '../../services/inventory/sql-inventory-transaction.ts';
import { handleOnce, sqlInbox } from '../../services/kit/saga/inbox.ts';
import { sqlOutbox } from '../../services/kit/saga/outbox.ts';
import { sqlTransact } from '../../services/kit/saga/transaction.ts';
import { paymentCommands } from '../../services/payment/payment-commands.ts';
import { sqlPaymentTransact } from '../../services/payment/sql-payment-transaction.ts';
import { paths } from '../../scripts/lib/paths.ts';
import { uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { rootConnection, stackConfig } from './support/running-stack.ts';

let pool: Pool;
const database = uniqueToken('sagaadapters');
const MIGRATIONS = ['saga-messaging', 'inventory', 'payments'];
let messages = 0;
const messageId = () => `20000000-0000-4000-8000-${String(++messages).padStart(12, '0')}`;
const envelope = (type: string, bookingId: string) => ({ id: messageId(), type, bookingId, payload: { bookingId } });

beforeAll(async () => {
  await borrowStack();
  const root = await rootConnection();
  try {
    await root.query(`CREATE DATABASE \`${database}\``);
    await root.query(`USE \`${database}\``);
    for (const folder of MIGRATIONS) {
      const dir = join(paths.repoRoot, 'mysql', folder, 'migrations');
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) await root.query(readFileSync(join(dir, file), 'utf8'));
    }
  } finally {
    await root.end();
  }
  const values = stackConfig();
  pool = mysql.createPool({ host: '127.0.0.1', port: Number(values.MYSQL_PORT), user: 'root', password: values.MYSQL_ROOT_PASSWORD, database, connectionLimit: 20, charset: 'utf8mb4' });
});

afterAll(async () => {
  const root = await rootConnection().catch(() => undefined);
  await root?.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await Promise.allSettled([root?.end(), pool?.end()]);
});

const rows = async <T = RowDataPacket>(sql: string, values: unknown[] = []) => (await pool.query<RowDataPacket[]>(sql, values))[0] as T[];

describe('the kit\'s outbox and inbox on the real database', () => {
  const transact = () => sqlTransact(pool, (connection) => ({ inbox: sqlInbox(connection), outbox: sqlOutbox(connection) }));

  test('one message id: the inbox row and the outbox row commit together, once; the payload is stored as JSON', async () => {
    const id = messageId();
    const reply = { aggregateType: 'inventory.replies', aggregateId: 'adapter-b1', type: 'HoldReleased', payload: { bookingId: 'adapter-b1', note: 'ü 🏨 "quoted"' } };
    expect(await handleOnce(transact(), id, async () => [reply])).toBe('handled');
    expect(await handleOnce(transact(), id, async () => [reply])).toBe('duplicate');
    expect(await rows('SELECT message_id FROM inbox WHERE message_id = ?', [id])).toHaveLength(1);
    const written = await rows<{ id: string; aggregatetype: string; type: string; payload: unknown }>("SELECT id, aggregatetype, type, payload FROM outbox WHERE aggregateid = 'adapter-b1'");
    expect(written).toHaveLength(1);
    expect(written[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    // MySQL returns a JSON column parsed, MariaDB (JSON = LONGTEXT) as text.
    const payload = typeof written[0]!.payload === 'string' ? JSON.parse(written[0]!.payload) : written[0]!.payload;
    expect(payload).toEqual(reply.payload);
  });

  test('an effect that fails rolls back its inbox row and its outbox rows', async () => {
    const id = messageId();
    await expect(
      handleOnce(transact(), id, async (tx) => {
        await tx.outbox.write({ aggregateType: 'x', aggregateId: 'adapter-rollback', type: 'X', payload: { bookingId: 'adapter-rollback' } });
        throw new Error('effect failed');
      }),
    ).rejects.toThrow('effect failed');
    expect(await rows('SELECT 1 FROM inbox WHERE message_id = ?', [id])).toHaveLength(0);
    expect(await rows("SELECT 1 FROM outbox WHERE aggregateid = 'adapter-rollback'")).toHaveLength(0);
  });

  test('the same id delivered twice at once (a rebalance): one handles it, the other sees the duplicate', async () => {
    const id = messageId();
    const outcomes = await Promise.all([1, 2].map(() => handleOnce(transact(), id, async () => [{ aggregateType: 'x', aggregateId: 'adapter-race', type: 'X', payload: { bookingId: 'adapter-race' } }])));
    expect(outcomes.sort()).toEqual(['duplicate', 'handled']);
    expect(await rows("SELECT 1 FROM outbox WHERE aggregateid = 'adapter-race'")).toHaveLength(1);
  });
});

describe('the inventory\'s holds on the real database', () => {
  const nights = ['2031-05-01', '2031-05-02', '2031-05-03'];
  let clock = Date.now();
  const commands = () => holdCommands({ transact: sqlInventoryTransact(pool), now: () => new Date(clock), holdTtlMs: 60_000 });
  const available = async (roomTypeId: number) =>
    (await rows<{ available: number }>('SELECT available FROM room_nights WHERE room_type_id = ? ORDER BY night', [roomTypeId])).map((r) => r.available);

  async function roomType(rooms: number): Promise<number> {
    const [result] = await pool.query<mysql.ResultSetHeader>("INSERT INTO room_types (hotel_id, name, capacity, room_count, nightly_price_minor, currency) VALUES (1, 'Adapter double', 2, ?, 9900, 'EUR')", [rooms]);
    for (const night of nights) await pool.query('INSERT INTO room_nights (room_type_id, night, available) VALUES (?, ?, ?)', [result.insertId, night, rooms]);
    return result.insertId;
  }

  test('50 concurrent holds for 5 rooms: exactly 5 held, the rest sold_out, availability never below 0', async () => {
    const roomTypeId = await roomType(5);
    const inventory = commands();
    let lowest = 5;
    let watching = true;
    // Watches availability while the holds run: the CHECK keeps it from ever going negative.
    const watcher = (async () => {
      while (watching) {
        const [row] = await rows<{ lowest: number }>('SELECT MIN(available) AS lowest FROM room_nights WHERE room_type_id = ?', [roomTypeId]);
        lowest = Math.min(lowest, Number(row!.lowest));
      }
    })();
    let holds: string[];
    try {
      holds = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const command = { bookingId: `adapter-hold-${i}`, roomTypeId, checkIn: nights[0]!, checkOut: '2031-05-04', rooms: 1 };
          return inventory.holdRooms(envelope('HoldRooms', command.bookingId), command);
        }),
      );
    } finally {
      watching = false;
      await watcher;
    }
    expect(holds.every((outcome) => outcome === 'handled')).toBe(true);
    const replies = await rows<{ type: string; n: number }>("SELECT type, COUNT(*) AS n FROM outbox WHERE aggregateid LIKE 'adapter-hold-%' GROUP BY type ORDER BY type");
    expect(replies.map((r) => [r.type, Number(r.n)])).toEqual([['HoldRefused', 45], ['RoomsHeld', 5]]);
    expect(await rows("SELECT 1 FROM holds WHERE booking_id LIKE 'adapter-hold-%' AND state = 'held'")).toHaveLength(5);
    expect(await available(roomTypeId)).toEqual([0, 0, 0]);
    expect(lowest).toBeGreaterThanOrEqual(0);
  });

  test('a hold spanning a night with no room left takes nothing from the other nights', async () => {
    const roomTypeId = await roomType(1);
    const inventory = commands();
    await inventory.holdRooms(envelope('HoldRooms', 'adapter-one'), { bookingId: 'adapter-one', roomTypeId, checkIn: '2031-05-02', checkOut: '2031-05-03', rooms: 1 });
    await inventory.holdRooms(envelope('HoldRooms', 'adapter-two'), { bookingId: 'adapter-two', roomTypeId, checkIn: '2031-05-01', checkOut: '2031-05-04', rooms: 1 });
    expect(await available(roomTypeId)).toEqual([1, 0, 1]);
    expect(await rows("SELECT type FROM outbox WHERE aggregateid = 'adapter-two' AND type = 'HoldRefused'")).toHaveLength(1);
  });

  test('release gives the rooms back once; confirm after expiry refuses; the sweep expires what nobody confirmed', async () => {
    const roomTypeId = await roomType(3);
    const inventory = commands();
    const hold = (bookingId: string) => inventory.holdRooms(envelope('HoldRooms', bookingId), { bookingId, roomTypeId, checkIn: nights[0]!, checkOut: '2031-05-04', rooms: 1 });
    await Promise.all(['adapter-release', 'adapter-late', 'adapter-swept'].map(hold));
    expect(await available(roomTypeId)).toEqual([0, 0, 0]);
    for (let i = 0; i < 2; i++) await inventory.releaseHold(envelope('ReleaseHold', 'adapter-release'), { bookingId: 'adapter-release' });
    expect(await available(roomTypeId)).toEqual([1, 1, 1]);
    clock += 60_001;
    await inventory.confirmHold(envelope('ConfirmHold', 'adapter-late'), { bookingId: 'adapter-late' });
    expect(await rows("SELECT 1 FROM outbox WHERE aggregateid = 'adapter-late' AND type = 'HoldConfirmRefused'")).toHaveLength(1);
    const expiredHolds = (at: Date, limit: number) => sqlInventoryTransact(pool)((tx) => tx.holds.expiredHolds(at, limit));
    expect(await sweepExpiredHolds({ expiredHolds, expireHold: inventory.expireHold, now: () => new Date(clock) })).toBeGreaterThanOrEqual(1);
    expect(await rows("SELECT state FROM holds WHERE booking_id IN ('adapter-late', 'adapter-swept') AND state = 'expired'")).toHaveLength(2);
    expect(await available(roomTypeId)).toEqual([3, 3, 3]);
  });
});

describe('the payments on the real database', () => {
  test('authorize by the test card, a slow one voided before it answers stays void, capture and refund once', async () => {
    for (const [token, behaviour] of [['adapter-good', 'succeed'], ['adapter-slow', 'slow'], ['adapter-bad', 'decline']]) {
      await pool.query("INSERT INTO card_tokens (token, brand, last4, behaviour) VALUES (?, 'visa', '4242', ?)", [token, behaviour]);
    }
    const payments = paymentCommands({ transact: sqlPaymentTransact(pool) });
    const authorize = (bookingId: string, cardToken: string) => payments.authorize(envelope('AuthorizePayment', bookingId), { bookingId, cardToken, amountMinor: 29_700, currency: 'EUR' });
    await authorize('adapter-pay-good', 'adapter-good');
    await authorize('adapter-pay-slow', 'adapter-slow');
    await authorize('adapter-pay-bad', 'adapter-bad');
    await payments.void(envelope('VoidPayment', 'adapter-pay-slow'), { bookingId: 'adapter-pay-slow' });
    expect(await payments.finishSlowAuthorization('adapter-pay-slow')).toBe(false);
    for (let i = 0; i < 2; i++) await payments.capture(envelope('CapturePayment', 'adapter-pay-good'), { bookingId: 'adapter-pay-good' });
    for (let i = 0; i < 2; i++) await payments.refund(envelope('RefundPayment', 'adapter-pay-good'), { bookingId: 'adapter-pay-good' });
    const states = await rows<{ booking_id: string; state: string; captured_minor: number }>("SELECT booking_id, state, captured_minor FROM payments WHERE booking_id LIKE 'adapter-pay-%' ORDER BY booking_id");
    expect(states.map((p) => [p.booking_id, p.state, Number(p.captured_minor)])).toEqual([
      ['adapter-pay-bad', 'declined', 0],
      ['adapter-pay-good', 'refunded', 29_700],
      ['adapter-pay-slow', 'voided', 0],
    ]);
    const replies = await rows<{ type: string }>("SELECT type FROM outbox WHERE aggregateid IN ('adapter-pay-good', 'adapter-pay-slow') ORDER BY created_at, type");
    expect(replies.map((r) => r.type).sort()).toEqual(['PaymentAuthorized', 'PaymentCaptured', 'PaymentCaptured', 'PaymentRefunded', 'PaymentRefunded', 'PaymentVoided'].sort());
  });

  test('a slow authorization past its delay is answered once, in the same transaction as its state', async () => {
    const payments = paymentCommands({ transact: sqlPaymentTransact(pool) });
    await payments.authorize(envelope('AuthorizePayment', 'adapter-pay-late'), { bookingId: 'adapter-pay-late', cardToken: 'adapter-slow', amountMinor: 100, currency: 'EUR' });
    const authorizing = await sqlPaymentTransact(pool)((tx) => tx.payments.authorizingSince(new Date(Date.now() + 60_000), 100));
    expect(authorizing).toContain('adapter-pay-late');
    expect(await payments.finishSlowAuthorization('adapter-pay-late')).toBe(true);
    expect(await payments.finishSlowAuthorization('adapter-pay-late')).toBe(false);
    expect(await rows("SELECT 1 FROM outbox WHERE aggregateid = 'adapter-pay-late' AND type = 'PaymentAuthorized'")).toHaveLength(1);
  });
});
