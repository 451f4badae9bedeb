/**
 * gRPC inside the stack (issue 20), on the real stack: a Quote through HAProxy's
 * internal frontend reaches inventory and reads its database; bad input is
 * INVALID_ARGUMENT with the field; a call whose deadline passes (inventory paused) is a
 * clear DEADLINE_EXCEEDED; and a tokenized test card's full number is nowhere in the
 * payment service's log, HAProxy's log or the payments database.
 *
 * The calls run inside the network (support/grpc-probe.ts): port 50051 is not
 * published, which this file checks too. Its inventory rows are a fixture of its own
 * (a hotel id no sample hotel has), written and removed as root.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { TEST_CARDS } from '../../services/payment/test-cards.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { callThroughHaproxy, type ProbeCall } from './support/grpc-probe.ts';
import { containers, docker, rootConnection, stack } from './support/running-stack.ts';

const HOTEL_ID = 990_001;
let inventoryDb: Connection;
let roomTypeId = 0;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const containerOf = (service: string) => {
  const container = containers().find((c) => c.service === service && c.running);
  if (!container) throw new Error(`no running ${service} container`);
  return container;
};
/** Everything the service's container wrote, stdout and stderr (Docker keeps them apart). */
const logsOf = (service: string) => {
  const result = spawnSync('docker', ['logs', containerOf(service).id], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`docker logs ${service} failed: ${result.stderr}`);
  return `${result.stdout}\n${result.stderr}`;
};

const quote = (extra: Partial<ProbeCall> & { request?: Record<string, unknown> } = {}): ProbeCall => ({
  service: 'inventory',
  method: 'quote',
  bigints: ['hotelId', 'roomTypeId'],
  timeoutMs: 5_000,
  ...extra,
  request: { hotelId: HOTEL_ID, roomTypeId, checkIn: day(1), checkOut: day(3), guests: 2, ...extra.request },
});

beforeAll(async () => {
  await borrowStack();
  inventoryDb = await rootConnection(stack().saga.services.inventory.database);
  await inventoryDb.query('DELETE rn FROM room_nights rn JOIN room_types rt ON rt.id = rn.room_type_id WHERE rt.hotel_id = ?', [HOTEL_ID]);
  await inventoryDb.query('DELETE FROM room_types WHERE hotel_id = ?', [HOTEL_ID]);
  const [created] = (await inventoryDb.query(
    "INSERT INTO room_types (hotel_id, name, capacity, room_count, nightly_price_minor, currency) VALUES (?, 'e2e Double', 2, 3, 12345, 'EUR')",
    [HOTEL_ID],
  )) as [{ insertId: number }, unknown];
  roomTypeId = created.insertId;
  await inventoryDb.query('INSERT INTO room_nights (room_type_id, night, available) VALUES (?, ?, 3), (?, ?, 1), (?, ?, 2)', [
    roomTypeId, day(1), roomTypeId, day(2), roomTypeId, day(3),
  ]);
});

afterAll(async () => {
  if (inventoryDb) {
    await inventoryDb.query('DELETE FROM room_nights WHERE room_type_id = ?', [roomTypeId]);
    await inventoryDb.query('DELETE FROM room_types WHERE hotel_id = ?', [HOTEL_ID]);
    await inventoryDb.end();
  }
});

describe('gRPC through HAProxy\'s internal frontend', () => {
  test('port 50051 is published nowhere: HAProxy publishes only its HTTP, stats and admin ports', () => {
    const ports = docker(['port', containerOf('haproxy').id]);
    expect(ports).not.toContain('50051');
  });

  test('a Quote from inside the network reaches inventory through HAProxy and reads its tables', () => {
    const requestId = randomUUID();
    const answer = callThroughHaproxy('payment', quote({ requestId }));
    expect(answer).toMatchObject({
      ok: true,
      value: { roomTypeId, available: true, roomsLeft: 1, nights: 2, totalMinor: 2 * 12345, currency: 'EUR', roomTypeName: 'e2e Double', capacity: 2 },
    });
    // inventory logged the call under the caller's request id; HAProxy routed it to its gRPC backend.
    const line = logsOf('inventory').split('\n').find((text) => text.includes(requestId));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ msg: 'rpc', procedure: 'inventory.v1.InventoryService/Quote', status: 'OK' });
    // HTTP/2 requests are logged with their absolute target (http://haproxy:50051/...).
    expect(logsOf('haproxy')).toMatch(/grpc_internal grpc_inventory\/inventory .* 200 .*"POST http:\/\/haproxy:50051\/inventory\.v1\.InventoryService\/Quote HTTP\/2\.0"/);
  });

  test('dates reversed are INVALID_ARGUMENT naming check_out; too many guests names guests', () => {
    expect(callThroughHaproxy('payment', quote({ request: { checkIn: day(3), checkOut: day(1) } }))).toMatchObject({
      ok: false,
      status: 'INVALID_ARGUMENT',
      fields: [{ field: 'check_out', message: 'must be after check_in' }],
    });
    expect(callThroughHaproxy('payment', quote({ request: { guests: 3 } }))).toMatchObject({ ok: false, status: 'INVALID_ARGUMENT', fields: [{ field: 'guests' }] });
  });

  test('a deadline that passes while inventory does not answer is DEADLINE_EXCEEDED, on time', async () => {
    const inventory = containerOf('inventory').id;
    docker(['pause', inventory]);
    let answer;
    try {
      answer = callThroughHaproxy('payment', quote({ timeoutMs: 500 }));
    } finally {
      docker(['unpause', inventory]);
    }
    expect(answer).toMatchObject({ ok: false, status: 'DEADLINE_EXCEEDED' });
    if (answer.ok) return;
    expect(answer.message).toContain('inventory.v1.InventoryService/Quote failed with DEADLINE_EXCEEDED');
    expect(answer.message).toContain('no answer within the deadline of 500 ms');
    expect(answer.ms).toBeGreaterThanOrEqual(450);
    expect(answer.ms).toBeLessThan(2_000);
    // Back as it was: HAProxy routes to inventory again.
    await eventually('inventory answers through HAProxy again', async () => (callThroughHaproxy('payment', quote()).ok ? true : undefined), { budgetMs: 30_000, intervalMs: 500 });
  });

  test("a tokenized test card's full number is nowhere in payment's log, HAProxy's log or the payments database", async () => {
    const number = TEST_CARDS.succeed;
    const answer = callThroughHaproxy('inventory', {
      service: 'payment',
      method: 'tokenizeCard',
      request: { number, expiryMonth: 12, expiryYear: new Date().getUTCFullYear() + 2, cvc: '123' },
      timeoutMs: 5_000,
    });
    expect(answer).toMatchObject({ ok: true, value: { brand: 'visa', last4: number.slice(-4) } });
    if (!answer.ok) return;
    const token = answer.value.token as string;

    const paymentsDb = await rootConnection(stack().saga.services.payment.database);
    try {
      const [saved] = (await paymentsDb.query('SELECT token, brand, last4, behaviour FROM card_tokens WHERE token = ?', [token])) as [unknown[], unknown];
      expect(saved).toEqual([{ token, brand: 'visa', last4: '4242', behaviour: 'succeed' }]);
      // Every row of every table of the database, as text.
      const [tables] = (await paymentsDb.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')) as [Array<{ name: string }>, unknown];
      expect(tables.map((t) => t.name)).toContain('card_tokens');
      for (const { name } of tables) {
        const [rows] = await paymentsDb.query(`SELECT * FROM \`${name}\``);
        expect(JSON.stringify(rows), `table ${name}`).not.toContain(number);
      }
    } finally {
      await paymentsDb.end();
    }
    const paymentLog = logsOf('payment');
    expect(paymentLog).toContain('payment.v1.PaymentService/TokenizeCard');
    expect(paymentLog).not.toContain(number);
    expect(logsOf('haproxy')).not.toContain(number);
  });
});
