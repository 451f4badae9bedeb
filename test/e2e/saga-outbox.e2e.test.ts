/**
 * The saga's messaging on the real stack, no mocks: a row written to a service's outbox
 * reaches its saga topic through the service database's outbox connector (Debezium's
 * event router) with the headers id and type and the booking id as key; the inventory
 * service consumes it, answers through its own outbox and connector; and the same
 * command delivered again changes nothing (the inbox), and a poison one goes to the
 * dead-letter topic with its error while the messages behind it are handled.
 *
 * The booking service's outbox stands in for the orchestrator here: the test writes the
 * commands there, as root, exactly as the orchestrator's transaction would.
 */
import { randomUUID } from 'node:crypto';
import kafkajs, { type KafkaMessage } from 'kafkajs';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headerText } from '../../services/kit/kafka/batch-loop.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { rootConnection, stack } from './support/running-stack.ts';

interface Seen {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: unknown;
  raw: KafkaMessage;
}

let root: Connection;
let kafka: InstanceType<typeof kafkajs.Kafka>;
let consumer: ReturnType<InstanceType<typeof kafkajs.Kafka>['consumer']>;
let producer: ReturnType<InstanceType<typeof kafkajs.Kafka>['producer']>;
const seen: Seen[] = [];
const saga = () => stack().saga;
const WITHIN = { budgetMs: 90_000, intervalMs: 250 };

beforeAll(async () => {
  await borrowStack();
  root = await rootConnection();
  kafka = new kafkajs.Kafka({ clientId: 'e2e-saga-outbox', brokers: [stack().urls.kafkaBroker], logLevel: kafkajs.logLevel.NOTHING });
  producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: kafkajs.Partitioners.DefaultPartitioner });
  consumer = kafka.consumer({ groupId: `e2e-saga-outbox-${randomUUID()}`, allowAutoTopicCreation: false });
  await Promise.all([producer.connect(), consumer.connect()]);
  const { topics, dlqTopic } = saga();
  await consumer.subscribe({ topics: [topics['inventory.commands'], topics['inventory.replies'], dlqTopic], fromBeginning: false });
  let joined!: () => void;
  const assigned = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      seen.push({ topic, key: message.key?.toString() ?? '', headers: headerText(message.headers), value: parsed(message.value), raw: message });
    },
  });
  await assigned;
});

afterAll(async () => {
  await Promise.allSettled([consumer?.disconnect(), producer?.disconnect(), root?.end()]);
});

/** A value as JSON, or as text when it is not (another test's dead letter may be anything). */
function parsed(value: Buffer | null): unknown {
  try {
    return value ? JSON.parse(value.toString()) : null;
  } catch {
    return value!.toString();
  }
}

async function writeCommand(bookingId: string, type: string, payload: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  await root.query(`INSERT INTO \`${saga().services.booking.database}\`.outbox (id, aggregatetype, aggregateid, type, payload) VALUES (?, 'inventory.commands', ?, ?, ?)`, [
    id,
    bookingId,
    type,
    JSON.stringify({ bookingId, ...payload }),
  ]);
  return id;
}

const message = (topic: string, where: (m: Seen) => boolean, what: string) =>
  eventually(`${what} on ${topic}`, async () => seen.find((m) => m.topic === topic && where(m)), WITHIN);

describe('the outbox connectors and the inventory\'s inbox', () => {
  test('an outbox row arrives on its saga topic keyed by booking id with headers id and type; a redelivered command changes nothing; a poison one is dead-lettered', async () => {
    const { topics, services } = saga();
    const inventory = services.inventory.database;
    const [night] = await root.query<RowDataPacket[]>(
      `SELECT room_type_id, DATE_FORMAT(night, '%Y-%m-%d') AS checkIn, DATE_FORMAT(night + INTERVAL 1 DAY, '%Y-%m-%d') AS checkOut, available
         FROM \`${inventory}\`.room_nights WHERE night = CURRENT_DATE + INTERVAL 300 DAY AND available > 0 ORDER BY room_type_id LIMIT 1`,
    );
    expect(night, 'db-setup loads 365 nights of sample inventory').toHaveLength(1);
    const { room_type_id: roomTypeId, checkIn, checkOut, available } = night![0] as { room_type_id: number; checkIn: string; checkOut: string; available: number };
    const availableNow = async () => {
      const [rows] = await root.query<RowDataPacket[]>(`SELECT available FROM \`${inventory}\`.room_nights WHERE room_type_id = ? AND night = ?`, [roomTypeId, checkIn]);
      return Number(rows[0]!.available);
    };
    const bookingId = randomUUID();

    // 1. The booking's outbox row, as the router writes it to saga.<engine>.inventory.commands.
    const holdId = await writeCommand(bookingId, 'HoldRooms', { roomTypeId: Number(roomTypeId), checkIn, checkOut, rooms: 1 });
    const command = await message(topics['inventory.commands'], (m) => m.headers.id === holdId, 'the HoldRooms command');
    expect(command.key).toBe(bookingId);
    expect(command.headers).toMatchObject({ id: holdId, type: 'HoldRooms' });
    expect(command.value).toEqual({ bookingId, roomTypeId: Number(roomTypeId), checkIn, checkOut, rooms: 1 });

    // 2. The inventory handled it: rooms taken, its reply through its own outbox and connector.
    const held = await message(topics['inventory.replies'], (m) => m.key === bookingId && m.headers.type === 'RoomsHeld', 'RoomsHeld');
    expect(held.value).toMatchObject({ bookingId, expiresAt: expect.any(String) });
    expect(await availableNow()).toBe(available - 1);

    // 3. The same command again, exactly as delivered (a redelivery), then a ReleaseHold behind it in the
    //    same partition: when HoldReleased arrives, the redelivery has been consumed before it.
    await producer.send({ topic: topics['inventory.commands'], messages: [{ key: command.raw.key, value: command.raw.value, headers: command.raw.headers! }] });
    // And a command breaking the contract in the same partition: dead-lettered, never blocking what follows.
    const poisonId = randomUUID();
    await producer.send({ topic: topics['inventory.commands'], messages: [{ key: bookingId, value: JSON.stringify({ bookingId, roomTypeId: 'x', rooms: 0 }), headers: { id: poisonId, type: 'HoldRooms' } }] });
    const releaseId = await writeCommand(bookingId, 'ReleaseHold', {});
    await message(topics['inventory.replies'], (m) => m.key === bookingId && m.headers.type === 'HoldReleased', 'HoldReleased');
    const letter = await message(saga().dlqTopic, (m) => m.headers.id === poisonId, 'the poison command dead-lettered');
    expect(letter.key).toBe(bookingId);
    expect(letter.headers).toMatchObject({ type: 'HoldRooms', 'dlq.error.stage': 'handle', 'dlq.source.topic': topics['inventory.commands'] });
    expect(letter.headers['dlq.error.message']).toMatch(/roomTypeId must be a positive integer/);

    // The redelivery changed nothing: one RoomsHeld ever written, the rooms taken once and given back once.
    const [replies] = await root.query<RowDataPacket[]>(`SELECT type, COUNT(*) AS n FROM \`${inventory}\`.outbox WHERE aggregateid = ? GROUP BY type ORDER BY type`, [bookingId]);
    expect(replies.map((r) => [r.type, Number(r.n)])).toEqual([['HoldReleased', 1], ['RoomsHeld', 1]]);
    const [inbox] = await root.query<RowDataPacket[]>(`SELECT message_id FROM \`${inventory}\`.inbox WHERE message_id IN (?, ?, ?)`, [holdId, releaseId, poisonId]);
    // The poison one never reached the inbox: it was refused before any transaction.
    expect(inbox.map((r) => r.message_id).sort()).toEqual([holdId, releaseId].sort());
    expect(await availableNow()).toBe(available);
    expect(seen.filter((m) => m.topic === topics['inventory.replies'] && m.key === bookingId && m.headers.type === 'RoomsHeld')).toHaveLength(1);
  });
});
