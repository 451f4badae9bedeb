/**
 * The change-capture account on a real stack: its password is readable neither from
 * Connect's REST API nor from Connect's config topic (the connector holds a reference
 * that Kafka's EnvVarConfigProvider resolves inside Connect), and it holds SELECT on the
 * captured database only. Change capture still works: the snapshot (verify finds no
 * drift) and a new change reaching search. An older stack's plaintext connector config
 * and SELECT ON *.* are replaced by the next `up`.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mysql2/promise';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnectClient } from '../../scripts/lib/connect/connect-client.ts';
import { loadConnector } from '../../scripts/lib/connect/render-connector.ts';
import { api, awaitSearch, createHotel, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { awaitNoDrift } from './support/fault-tools.ts';
import { runCli } from './support/run-cli.ts';
import { rootConnection, stack, stackConfig, urls } from './support/running-stack.ts';
import { stackConfigOf } from '../../scripts/lib/config/stack-config.ts';

const createdIds: number[] = [];

beforeAll(async () => {
  await borrowStack();
});

afterAll(async () => {
  await Promise.allSettled(createdIds.map((id) => api(urls().api, 'DELETE', `/api/hotels/${id}`)));
});

/** Every record of a topic, from its start to the end it has now. */
async function wholeTopic(topic: string): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'e2e-capture-secrets', brokers: [stack().urls.kafkaBroker], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `e2e-capture-secrets-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  try {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    const records: string[] = [];
    const remaining = new Set([...ends].filter(([, high]) => high > 0).map(([partition]) => partition));
    if (remaining.size === 0) return records;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${records.length} records of ${topic} in 30 s, not to its end`)), 30_000);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          records.push(`${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''}`);
          if (Number(message.offset) + 1 >= ends.get(partition)!) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return records;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

async function captureGrants(connection: Connection, user: string): Promise<string[]> {
  const [rows] = await connection.query('SHOW GRANTS FOR ?@?', [user, '%']);
  return (rows as Record<string, string>[]).map((row) => Object.values(row)[0]!);
}

/** The global grant line (ON *.*) names SELECT: the broad grant older versions gave. */
const selectOnEverything = (grants: string[]) => grants.filter((line) => / ON \*\.\* /.test(line) && /\bSELECT\b/.test(line.split(' ON ')[0]!));

async function changeReachesSearch(token: string): Promise<void> {
  const base = urls().api;
  const hotel = await createHotel(base, { name: `Capture ${token}`, city: 'Tartu', stars: 4 });
  createdIds.push(hotel.id);
  await awaitSearch(base, token, hotel.id);
}

describe('the change-capture account', () => {
  test('its password is neither in the REST API nor in the config topic, and changes still reach search', async () => {
    const values = stackConfig();
    const { names, connectorPassword } = stack(values);
    const password = values.DEBEZIUM_DB_PASSWORD!;
    expect(password.length).toBeGreaterThan(7);
    const connect = urls(values).connect;

    const config = await fetch(`${connect}/connectors/${names.connector}/config`);
    expect(config.status).toBe(200);
    const configText = await config.text();
    expect(configText).not.toContain(password);
    expect(JSON.parse(configText)['database.password']).toBe(connectorPassword.reference);
    const tasks = await fetch(`${connect}/connectors/${names.connector}/tasks`);
    expect(tasks.status).toBe(200);
    expect(await tasks.text()).not.toContain(password);

    const records = await wholeTopic(names.connectConfigsTopic);
    expect(records.some((record) => record.includes(names.connector)), `${names.connectConfigsTopic} holds the connector`).toBe(true);
    expect(records.filter((record) => record.includes(password)).map((record) => record.split(' ')[0])).toEqual([]);

    await changeReachesSearch(uniqueToken('bypassword'));
    await awaitNoDrift();
  });

  test('it holds SELECT on the captured database only', async () => {
    const values = stackConfig();
    const root = await rootConnection();
    try {
      const grants = await captureGrants(root, values.DEBEZIUM_DB_USER!);
      expect(selectOnEverything(grants), grants.join('\n')).toEqual([]);
      expect(grants.some((line) => new RegExp(`^GRANT SELECT ON \`${values.MYSQL_DATABASE}\`\\.\\* TO`).test(line)), grants.join('\n')).toBe(true);
    } finally {
      await root.end();
    }
  });

  test("up replaces an older stack's plaintext connector config and SELECT ON *.*", async () => {
    const values = stackConfig();
    const { names, connectorPassword } = stack(values);
    const user = values.DEBEZIUM_DB_USER!;
    const password = values.DEBEZIUM_DB_PASSWORD!;
    // What an older version left: the password itself in the connector config, and the broad grant.
    const connect = createConnectClient(urls(values).connect, undefined, 90_000);
    const current = loadConnector(stackConfigOf(values));
    const older = { ...current.config, 'database.password': password };
    expect((await connect.putConfig(names.connector, older)).status).toBeLessThan(300);
    const root = await rootConnection();
    try {
      await root.query('GRANT SELECT ON *.* TO ?@?', [user, '%']);
      expect(selectOnEverything(await captureGrants(root, user))).toHaveLength(1);
    } finally {
      await root.end();
    }

    // db-setup runs on every start of the stack; `up` registers the connector again.
    expect((await runCli(['down'])).code, 'npm run down').toBe(0);
    expect((await runCli(['up'])).code, 'npm run up').toBe(0);

    const config = await (await fetch(`${urls(values).connect}/connectors/${names.connector}/config`)).text();
    expect(config).not.toContain(password);
    expect((JSON.parse(config) as Record<string, string>)['database.password']).toBe(connectorPassword.reference);
    const after = await rootConnection();
    try {
      expect(selectOnEverything(await captureGrants(after, user))).toEqual([]);
    } finally {
      await after.end();
    }
    await changeReachesSearch(uniqueToken('afterupgrade'));
    await awaitNoDrift();
  });
});
