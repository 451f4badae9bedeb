/**
 * What the saga's fault and replay tests do to the booking saga and how they watch it:
 * a stay of their own in the inventory, bookings sent through HAProxy, the sagas' states
 * and holds read from the databases (one query for many bookings, never the API: each
 * lookup costs a PIN check and counts against HAProxy's lookup limit), the saga consumer
 * groups' lag and reset through Kafka's admin API, and a snapshot of everything the
 * saga writes. Every wait polls a real condition under a bound.
 */
import kafkajs from 'kafkajs';
import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';
import { SAGA_SERVICES, type SagaService } from '../../../scripts/lib/config/saga-config.ts';
import { bookingRequest, newIdempotencyKey, TEST_CARDS } from '../../../scripts/lib/platform-client/booking-requests.ts';
import { abort, notReady, ready } from '../../../scripts/lib/wait/poll.ts';
import { within } from '../../../scripts/lib/wait/within.ts';
import { awaitConnectorRunning } from './fault-tools.ts';
import { stack } from './running-stack.ts';

export type Card = keyof typeof TEST_CARDS;
const FINAL = new Set(['CONFIRMED', 'CANCELLED']);

/** The three saga databases, each with its service's own account (as the services log in). */
export interface SagaPools {
  inventory: Pool;
  payments: Pool;
  bookings: Pool;
  end(): Promise<void>;
}

export function sagaPools(): SagaPools {
  const { ports, saga } = stack();
  const pool = (service: SagaService) => {
    const names = saga.services[service];
    return mysql.createPool({ host: '127.0.0.1', port: ports.mysql, user: names.account, password: names.password, database: names.database, connectionLimit: 2, connectTimeout: 3_000, dateStrings: true });
  };
  const pools = { inventory: pool('inventory'), payments: pool('payment'), bookings: pool('booking') };
  return { ...pools, end: async () => void (await Promise.allSettled(Object.values(pools).map((p) => p.end()))) };
}

export interface FaultStay {
  hotelId: number;
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
  /** Rooms free on each night before the fault's bookings (set by the test). */
  freeBefore: number;
}

/**
 * Two nights `offsetDays` ahead on the first sample room type with `rooms` rooms or more,
 * set to exactly `rooms` free with the inventory's own account: each fault books its own
 * nights, and a second run on the same stack starts from the same count.
 */
export async function reserveStay(inventory: Pool, offsetDays: number, rooms: number): Promise<FaultStay> {
  const [types] = await inventory.query<RowDataPacket[]>('SELECT id, hotel_id FROM room_types WHERE room_count >= ? ORDER BY id LIMIT 1', [rooms]);
  if (!types[0]) throw new Error(`the sample inventory has no room type with ${rooms} rooms or more: npm run reset, then npm run up`);
  const [nights] = await inventory.query<RowDataPacket[]>(
    "SELECT DATE_FORMAT(CURRENT_DATE + INTERVAL ? DAY, '%Y-%m-%d') AS checkIn, DATE_FORMAT(CURRENT_DATE + INTERVAL ? DAY, '%Y-%m-%d') AS checkOut",
    [offsetDays, offsetDays + 2],
  );
  const stay = { hotelId: Number(types[0].hotel_id), roomTypeId: Number(types[0].id), checkIn: String(nights[0]!.checkIn), checkOut: String(nights[0]!.checkOut), freeBefore: rooms };
  const [set] = await inventory.query<mysql.ResultSetHeader>('UPDATE room_nights SET available = ? WHERE room_type_id = ? AND night >= ? AND night < ?', [rooms, stay.roomTypeId, stay.checkIn, stay.checkOut]);
  if (set.affectedRows !== 2) throw new Error(`expected the stay's 2 nights in room_nights, updated ${set.affectedRows}`);
  return stay;
}

/** Rooms free on each night of the stay now. */
export async function availableNights(inventory: Pool, stay: FaultStay): Promise<number[]> {
  const [rows] = await inventory.query<RowDataPacket[]>('SELECT available FROM room_nights WHERE room_type_id = ? AND night >= ? AND night < ? ORDER BY night', [stay.roomTypeId, stay.checkIn, stay.checkOut]);
  return rows.map((row) => Number(row.available));
}

export interface SentBooking {
  number: string;
  card: Card;
}

/**
 * One POST /api/bookings per card, all at once, through HAProxy; each must start a saga
 * (202). An answer of 5xx (HAProxy has not yet seen a restarted service up again) is
 * retried with the same Idempotency-Key, as a client would, within `budgetMs`: the key
 * makes the retry the same booking, never a second one.
 */
export async function sendBookings(base: string, stay: FaultStay, cards: Card[], prefix: string, budgetMs = 30_000): Promise<SentBooking[]> {
  return Promise.all(
    cards.map(async (card, i) => {
      const key = newIdempotencyKey(prefix);
      const body = JSON.stringify(bookingRequest(stay, TEST_CARDS[card], { name: `Fault Guest ${i}`, email: `fault${i}@example.com` }));
      const number = await within(
        `POST /api/bookings (${card} card) accepted`,
        async () => {
          const response = await fetch(`${base}/api/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body });
          const text = await response.text();
          if (response.status === 202 || response.status === 200) return ready(String((JSON.parse(text) as { number: string }).number));
          const problem = new Error(`POST /api/bookings (${card} card) answered ${response.status}: ${text.slice(0, 300)}`);
          return response.status >= 500 ? notReady(problem.message) : abort(problem);
        },
        { budgetMs, intervalMs: 250 },
      );
      return { number, card };
    }),
  );
}

export interface SagaRow {
  id: string;
  number: string;
  state: string;
  step: string;
  reason: string | null;
  version: number;
}

export async function sagaRows(bookings: Pool, numbers: string[]): Promise<SagaRow[]> {
  const [rows] = await bookings.query<RowDataPacket[]>('SELECT id, number, state, step, reason, version FROM bookings WHERE number IN (?) ORDER BY number', [numbers]);
  return rows.map((row) => ({ id: String(row.id), number: String(row.number), state: String(row.state), step: String(row.step), reason: row.reason === null ? null : String(row.reason), version: Number(row.version) }));
}

export const isFinal = (row: SagaRow) => FINAL.has(row.state);

/** Every one of the bookings CONFIRMED or CANCELLED, within the bound; says which are not when it runs out. */
export function awaitSagasEnded(bookings: Pool, numbers: string[], budgetMs: number): Promise<SagaRow[]> {
  return within(
    `the ${numbers.length} sagas reach CONFIRMED or CANCELLED`,
    async () => {
      const rows = await sagaRows(bookings, numbers);
      const open = rows.filter((row) => !isFinal(row));
      if (rows.length === numbers.length && open.length === 0) return ready(rows);
      return notReady(`${rows.length} of ${numbers.length} found; still running: ${open.map((r) => `${r.number} ${r.state}/${r.step}`).join(', ') || 'none'}`);
    },
    { budgetMs, intervalMs: 250 },
  );
}

/** The holds of these bookings, by booking id. */
export async function holdStates(inventory: Pool, bookingIds: string[]): Promise<Map<string, string>> {
  const [rows] = await inventory.query<RowDataPacket[]>('SELECT booking_id, state FROM holds WHERE booking_id IN (?)', [bookingIds]);
  return new Map(rows.map((row) => [String(row.booking_id), String(row.state)]));
}

/** The payments of these bookings, by booking id. */
export async function paymentStates(payments: Pool, bookingIds: string[]): Promise<Map<string, { state: string; capturedMinor: number }>> {
  const [rows] = await payments.query<RowDataPacket[]>('SELECT booking_id, state, captured_minor FROM payments WHERE booking_id IN (?)', [bookingIds]);
  return new Map(rows.map((row) => [String(row.booking_id), { state: String(row.state), capturedMinor: Number(row.captured_minor) }]));
}

/** The catalog's connector and the three outbox connectors, each with its task RUNNING. */
export async function awaitAllConnectorsRunning(budgetMs = 90_000): Promise<void> {
  const { names, saga } = stack();
  await Promise.all([names.connector, ...SAGA_SERVICES.map((service) => saga.services[service].outboxConnector)].map((name) => awaitConnectorRunning(budgetMs, name)));
}

/** A saga consumer group and the topics it reads, from the one config. */
export interface SagaGroup {
  service: SagaService;
  groupId: string;
  topics: string[];
}

export function sagaGroups(): SagaGroup[] {
  const { saga } = stack();
  const topicsOf: Record<SagaService, string[]> = {
    inventory: [saga.topics['inventory.commands']],
    payment: [saga.topics['payment.commands']],
    booking: [saga.topics['inventory.replies'], saga.topics['payment.replies']],
  };
  return SAGA_SERVICES.map((service) => ({ service, groupId: saga.services[service].consumerGroup, topics: topicsOf[service] }));
}

export type KafkaAdmin = ReturnType<InstanceType<typeof kafkajs.Kafka>['admin']>;

export async function connectAdmin(clientId: string): Promise<KafkaAdmin> {
  const kafka = new kafkajs.Kafka({ clientId, brokers: [stack().urls.kafkaBroker], logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  return admin;
}

/**
 * Messages on the group's topics it has not committed yet: the end offset minus the
 * committed one per partition (a partition with no commit counts from its first message).
 */
export async function groupLag(admin: KafkaAdmin, group: SagaGroup): Promise<number> {
  const committed = await admin.fetchOffsets({ groupId: group.groupId, topics: group.topics });
  let lag = 0;
  for (const topic of group.topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const partitions = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const end of ends) {
      const offset = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
      lag += Number(end.high) - (offset < 0 ? Number(end.low) : offset);
    }
  }
  return lag;
}

/** Every saga consumer group has committed every message on its topics. */
export function awaitNoLag(admin: KafkaAdmin, budgetMs = 60_000): Promise<void> {
  return within(
    'every saga consumer group has consumed its topics (lag 0)',
    async () => {
      const lags = await Promise.all(sagaGroups().map(async (group) => [group.groupId, await groupLag(admin, group)] as const));
      return lags.every(([, lag]) => lag === 0) ? ready() : notReady(lags.map(([group, lag]) => `${group} lag ${lag}`).join(', '));
    },
    { budgetMs, intervalMs: 250 },
  );
}

/**
 * The group's committed offsets moved back to the first message of every partition. Kafka
 * refuses while the group has members: the services must be stopped first, and the group
 * must have seen them leave (a stopped consumer leaves at once; a killed one only after its
 * session timeout), so this waits for the group to be empty.
 */
export async function resetToEarliest(admin: KafkaAdmin, group: SagaGroup, budgetMs = 60_000): Promise<void> {
  await within(
    `consumer group ${group.groupId} empty`,
    async () => {
      const [described] = (await admin.describeGroups([group.groupId])).groups;
      return described && ['Empty', 'Dead'].includes(described.state) ? ready() : notReady(`group is ${described?.state ?? 'unknown'} with ${described?.members.length ?? '?'} members`);
    },
    { budgetMs, intervalMs: 250 },
  );
  for (const topic of group.topics) await admin.resetOffsets({ groupId: group.groupId, topic, earliest: true });
}

/**
 * Everything the saga writes, in the three databases, as root in one snapshot: each
 * booking's state, step, reason and version, and each payment's and hold's state, money
 * and last change, plus the row counts of the steps, outboxes and inboxes and the rooms
 * free in total. Equal snapshots before and after a replay mean it changed nothing.
 */
export interface SagaSnapshot {
  bookings: Record<string, string>;
  payments: Record<string, string>;
  holds: Record<string, string>;
  counts: Record<string, number>;
}

export async function sagaSnapshot(root: mysql.Connection): Promise<SagaSnapshot> {
  const { saga } = stack();
  const db = { bookings: saga.services.booking.database, payments: saga.services.payment.database, inventory: saga.services.inventory.database };
  const keyed = async (sql: string, values: string[]) => {
    const [rows] = await root.query<RowDataPacket[]>(sql, values);
    return Object.fromEntries(rows.map((row) => [String(row.k), String(row.v)]));
  };
  const count = async (sql: string, values: string[]) => Number(((await root.query<RowDataPacket[]>(sql, values))[0][0] as { n: unknown }).n);
  await root.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
  try {
    return {
      bookings: await keyed("SELECT id AS k, CONCAT_WS(' ', state, step, IFNULL(reason, '-'), version, IFNULL(step_deadline, '-'), updated_at) AS v FROM ??.bookings", [db.bookings]),
      payments: await keyed("SELECT booking_id AS k, CONCAT_WS(' ', state, amount_minor, captured_minor, updated_at) AS v FROM ??.payments", [db.payments]),
      holds: await keyed("SELECT booking_id AS k, CONCAT_WS(' ', state, rooms, updated_at) AS v FROM ??.holds", [db.inventory]),
      counts: {
        bookingSteps: await count('SELECT COUNT(*) AS n FROM ??.booking_steps', [db.bookings]),
        roomsFree: await count('SELECT SUM(available) AS n FROM ??.room_nights', [db.inventory]),
        ...Object.fromEntries(
          await Promise.all(
            Object.entries(db).flatMap(([name, database]) => [
              count('SELECT COUNT(*) AS n FROM ??.outbox', [database]).then((n) => [`${name}.outbox`, n] as const),
              count('SELECT COUNT(*) AS n FROM ??.inbox', [database]).then((n) => [`${name}.inbox`, n] as const),
            ]),
          ),
        ),
      },
    };
  } finally {
    await root.query('COMMIT');
  }
}

/** What differs between two snapshots, one line per row or count: empty when equal. */
export function snapshotDiff(before: SagaSnapshot, after: SagaSnapshot): string[] {
  const lines: string[] = [];
  for (const part of ['bookings', 'payments', 'holds', 'counts'] as const) {
    const a = before[part] as Record<string, unknown>;
    const b = after[part] as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[key] !== b[key]) lines.push(`${part} ${key}: ${a[key] ?? '(none)'} -> ${b[key] ?? '(none)'}`);
    }
  }
  return lines;
}
