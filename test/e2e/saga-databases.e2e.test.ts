/**
 * The booking saga's data foundation on a real stack (issue 20): each service account
 * reads and writes its own database and is refused on every other; the database itself
 * refuses a negative `available`; the sample inventory covers 365 nights for every room
 * type of every sample hotel; kafka-init made the saga topics; a second db-setup
 * run changes nothing; the indexes the services query and prune by exist, and the pruning
 * deletes only outbox and inbox rows past their retention.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { beforeAll, describe, expect, test } from 'vitest';
import { SAGA_SERVICES, type SagaServiceNames } from '../../scripts/lib/config/stack-config.ts';
import { paths } from '../../scripts/lib/paths.ts';
import { sampleHotelIds } from '../../services/db-setup/sample-inventory.ts';
import { pruneSagaMessages } from '../../services/kit/saga/message-retention.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { containers, docker, rootConnection, stack, stackConfig } from './support/running-stack.ts';


beforeAll(async () => {
  await borrowStack();
});


const services = () => SAGA_SERVICES.map((service) => stack().saga.services[service]);

/** The service's own login, through the published port, as a developer's client would. */
function loginAs(names: SagaServiceNames, database?: string): Promise<Connection> {
  return mysql.createConnection({
    host: '127.0.0.1',
    port: Number(stackConfig().MYSQL_PORT),
    user: names.account,
    password: names.password,
    charset: 'utf8mb4',
    dateStrings: true,
    ...(database ? { database } : {}),
  });
}

async function rows(connection: Connection, sql: string, values: unknown[] = []): Promise<RowDataPacket[]> {
  const [result] = await connection.query<RowDataPacket[]>(sql, values);
  return result;
}

/** The server's refusal code: 1044 (database), 1142 (table), 1045 (login). */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return 'allowed';
  } catch (error) {
    return String((error as { code?: string }).code);
  }
}

describe('each saga service account', () => {
  test('reads and writes its own database', async () => {
    for (const names of services()) {
      expect(names.password.length, `${names.variables.password} in .env`).toBeGreaterThan(7);
      const own = await loginAs(names, names.database);
      try {
        const id = randomUUID();
        await own.query('INSERT INTO inbox (message_id) VALUES (?)', [id]);
        expect(await rows(own, 'SELECT message_id FROM inbox WHERE message_id = ?', [id])).toHaveLength(1);
        await own.query('DELETE FROM inbox WHERE message_id = ?', [id]);
        expect(await rows(own, 'SELECT message_id FROM inbox WHERE message_id = ?', [id])).toHaveLength(0);
      } finally {
        await own.end();
      }
    }
  });

  test('is refused on every other database: the other services\' and the catalog\'s', async () => {
    const catalog = stackConfig().MYSQL_DATABASE!;
    for (const names of services()) {
      const others = [...services().filter((other) => other.database !== names.database).map((other) => other.database), catalog];
      const own = await loginAs(names);
      try {
        for (const other of others) {
          const table = other === catalog ? 'hotels' : 'inbox';
          expect(await refusal(own.query(`SELECT * FROM \`${other}\`.\`${table}\` LIMIT 1`)), `${names.account} reading ${other}.${table}`).toMatch(/^ER_(TABLEACCESS|DBACCESS)_DENIED_ERROR$/);
          expect(await refusal(own.query(`USE \`${other}\``)), `${names.account} using ${other}`).toBe('ER_DBACCESS_DENIED_ERROR');
        }
        // And no database it could create for itself.
        expect(await refusal(own.query(`CREATE DATABASE \`${names.account}_more\``)), `${names.account} creating a database`).toBe('ER_DBACCESS_DENIED_ERROR');
      } finally {
        await own.end();
      }
    }
  });

  test('lets the change-capture account SELECT each service database, for its outbox connector', async () => {
    const root = await rootConnection();
    try {
      const grants = (await rows(root, 'SHOW GRANTS FOR ?@?', [stackConfig().DEBEZIUM_DB_USER, '%'])).map((row) => String(Object.values(row)[0]));
      for (const { database } of services()) {
        expect(grants.some((line) => line.startsWith(`GRANT SELECT ON \`${database}\`.* TO`)), `${database} in\n${grants.join('\n')}`).toBe(true);
      }
    } finally {
      await root.end();
    }
  });
});

describe('the inventory database', () => {
  test('refuses an update that would make available negative (the CHECK constraint, not code)', async () => {
    const inventory = stack().saga.services.inventory;
    const own = await loginAs(inventory, inventory.database);
    try {
      const [night] = await rows(own, 'SELECT room_type_id, night, available FROM room_nights ORDER BY room_type_id, night LIMIT 1');
      expect(night, 'a sample room night').toBeDefined();
      const error = await own.query('UPDATE room_nights SET available = available - ? WHERE room_type_id = ? AND night = ?', [Number(night!.available) + 1, night!.room_type_id, night!.night]).then(
        () => undefined,
        (refused: Error) => refused,
      );
      expect(error?.message).toMatch(/available_never_negative/);
      const [after] = await rows(own, 'SELECT available FROM room_nights WHERE room_type_id = ? AND night = ?', [night!.room_type_id, night!.night]);
      expect(after!.available).toBe(night!.available);
      // Down to zero is allowed: the last room can be sold.
      await own.query('UPDATE room_nights SET available = 0 WHERE room_type_id = ? AND night = ?', [night!.room_type_id, night!.night]);
      await own.query('UPDATE room_nights SET available = ? WHERE room_type_id = ? AND night = ?', [night!.available, night!.room_type_id, night!.night]);
    } finally {
      await own.end();
    }
  });

  test('holds 2-3 room types per sample hotel, each with rooms on the 365 nights from the day db-setup loaded them', async () => {
    const inventory = stack().saga.services.inventory;
    const own = await loginAs(inventory, inventory.database);
    try {
      const [record] = await rows(own, "SELECT DATE_FORMAT(applied_at, '%Y-%m-%d') AS day, DATE_FORMAT(CURRENT_DATE, '%Y-%m-%d') AS today FROM schema_migrations WHERE name = 'sample-data/room-inventory'");
      expect(record, 'the sample inventory is recorded').toBeDefined();
      const perHotel = await rows(own, 'SELECT hotel_id, COUNT(*) AS types FROM room_types GROUP BY hotel_id ORDER BY hotel_id');
      const hotelIds = sampleHotelIds(readFileSync(`${paths.repoRoot}/mysql/sample-data/hotels.sql`, 'utf8'));
      for (const id of hotelIds) {
        const types = Number(perHotel.find((row) => Number(row.hotel_id) === id)?.types ?? 0);
        expect(types >= 2 && types <= 3, `hotel ${id} has ${types} room types`).toBe(true);
      }
      const coverage = await rows(
        own,
        `SELECT t.id, t.room_count, COUNT(n.night) AS nights, DATE_FORMAT(MIN(n.night), '%Y-%m-%d') AS first, DATE_FORMAT(MAX(n.night), '%Y-%m-%d') AS last,
                DATEDIFF(MAX(n.night), MIN(n.night)) AS span
           FROM room_types t LEFT JOIN room_nights n ON n.room_type_id = t.id GROUP BY t.id, t.room_count ORDER BY t.id`,
      );
      expect(coverage.length).toBeGreaterThanOrEqual(hotelIds.length * 2);
      for (const type of coverage) {
        // 365 rows over a 364-day span: every night from the first to the last, none missing.
        expect({ id: type.id, nights: Number(type.nights), span: Number(type.span), first: type.first }).toEqual({ id: type.id, nights: 365, span: 364, first: record!.day });
      }
      // On a stack set up today (CI's fresh one), that is today..today+364.
      if (record!.day === record!.today) {
        const [window] = await rows(own, "SELECT DATE_FORMAT(CURRENT_DATE + INTERVAL 364 DAY, '%Y-%m-%d') AS last");
        expect(coverage.every((type) => type.last === window!.last)).toBe(true);
      }
    } finally {
      await own.end();
    }
  });
});

describe('the saga topics', () => {
  test('exist as kafka-init made them: commands and replies in 3 partitions, the dead letters in 1', async () => {
    const { saga, urls } = stack();
    const admin = new Kafka({ clientId: 'e2e-saga-databases', brokers: [urls.kafkaBroker], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topics = [...Object.values(saga.topics), saga.dlqTopic];
      const metadata = await admin.fetchTopicMetadata({ topics });
      const partitions = Object.fromEntries(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
      expect(partitions).toEqual(Object.fromEntries(topics.map((topic) => [topic, topic === saga.dlqTopic ? 1 : 3])));
    } finally {
      await admin.disconnect();
    }
  });
});

describe('db-setup run again', () => {
  /** What a run could change: the records, the rows (by checksum), the accounts' grants. */
  async function snapshot(): Promise<unknown> {
    const root = await rootConnection();
    try {
      const state: Record<string, unknown> = {};
      for (const names of services()) {
        const tables = (await rows(root, 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name', [names.database])).map((row) => String(row.name));
        state[names.database] = {
          tables,
          records: await rows(root, `SELECT name, checksum, applied_at FROM \`${names.database}\`.schema_migrations ORDER BY name`),
          checksums: await rows(root, `CHECKSUM TABLE ${tables.map((table) => `\`${names.database}\`.\`${table}\``).join(', ')}`),
          grants: await rows(root, 'SHOW GRANTS FOR ?@?', [names.account, '%']),
        };
      }
      return state;
    } finally {
      await root.end();
    }
  }

  test('changes nothing: no migration, no sample row, no grant', async () => {
    const before = await snapshot();
    const setup = containers().find((container) => container.service === 'db-setup');
    expect(setup, 'the db-setup container of this stack').toBeDefined();
    // The exited one-shot container, started again with the configuration `up` gave it; -a waits for it to exit.
    docker(['start', '-a', setup!.id]);
    const again = containers().find((container) => container.id === setup!.id)!;
    expect(again.startedAt).not.toBe(setup!.startedAt);
    expect(docker(['inspect', '--format', '{{.State.ExitCode}}', setup!.id]).trim()).toBe('0');
    expect(await snapshot()).toEqual(before);
  });
});

describe('the indexes the services query by, and the pruning of old messages', () => {
  test('payments is indexed by state and age (the slow-card sweep); every outbox and inbox by age', async () => {
    const indexed = async (names: SagaServiceNames, table: string) =>
      (await rows(await loginAs(names, names.database), `SHOW INDEX FROM ${table}`)).map((row) => `${row.Key_name}:${row.Column_name}`);
    const payment = stack().saga.services.payment;
    expect(await indexed(payment, 'payments')).toEqual(expect.arrayContaining(['payments_by_state:state', 'payments_by_state:updated_at']));
    for (const names of services()) {
      expect(await indexed(names, 'outbox'), names.database).toContain('outbox_created_at:created_at');
      expect(await indexed(names, 'inbox'), names.database).toContain('inbox_handled_at:handled_at');
    }
  });

  test("a pass deletes the outbox rows older than a day and the inbox ids older than 8 days, and nothing newer", async () => {
    const names = stack().saga.services.payment;
    const connection = await loginAs(names, names.database);
    const ids = { oldOut: randomUUID(), newOut: randomUUID(), oldIn: randomUUID(), newIn: randomUUID() };
    try {
      const outbox = 'INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, created_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3) - INTERVAL ? HOUR)';
      // Debezium sends these too: a reply for a booking that does not exist, which the orchestrator
      // records as handled and ignores (a made-up type or topic would be a dead letter or a missing topic).
      const reply = (id: string) => ['payment.replies', id, 'PaymentVoided', JSON.stringify({ bookingId: id })];
      await connection.query(outbox, [ids.oldOut, ...reply(ids.oldOut), 25]);
      await connection.query(outbox, [ids.newOut, ...reply(ids.newOut), 23]);
      const inbox = 'INSERT INTO inbox (message_id, handled_at) VALUES (?, CURRENT_TIMESTAMP(3) - INTERVAL ? DAY)';
      await connection.query(inbox, [ids.oldIn, 9]);
      await connection.query(inbox, [ids.newIn, 7]);
      const before = await rows(connection, 'SELECT COUNT(*) AS n FROM outbox WHERE created_at < CURRENT_TIMESTAMP(3) - INTERVAL 1 DAY');
      expect(await pruneSagaMessages(connection)).toBeGreaterThanOrEqual(2);
      const left = async (sql: string, id: string) => (await rows(connection, sql, [id])).length;
      expect(await left('SELECT id FROM outbox WHERE id = ?', ids.oldOut)).toBe(Number(before[0]!.n) > 1000 ? 1 : 0);
      expect(await left('SELECT id FROM outbox WHERE id = ?', ids.newOut)).toBe(1);
      expect(await left('SELECT message_id FROM inbox WHERE message_id = ?', ids.oldIn)).toBe(0);
      expect(await left('SELECT message_id FROM inbox WHERE message_id = ?', ids.newIn)).toBe(1);
    } finally {
      await connection.query('DELETE FROM outbox WHERE id IN (?, ?)', [ids.oldOut, ids.newOut]);
      await connection.query('DELETE FROM inbox WHERE message_id IN (?, ?)', [ids.oldIn, ids.newIn]);
      await connection.end();
    }
  });
});
