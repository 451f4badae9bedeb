/**
 * `npm run snapshot` (issue 23) on the real stack: save → change → restore puts every
 * store back at the saved point, and the pipeline resumes from there. A hotel created
 * after the save (and searchable) is gone from the database and from search after the
 * restore, `npm run verify` finds no drift, a new hotel becomes searchable, and Debezium
 * resumed from its restored offsets instead of snapshotting the table again: the catalog's
 * change topic holds exactly the new hotel's events past the saved end, none of them a
 * snapshot read (`__op: "r"`), and the connector's offsets after the restore are the saved ones.
 *
 * It borrows the stack and leaves it running with its data as found: the new hotel is
 * deleted through the API and the snapshot removed.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clientSettings } from '../../scripts/lib/platform-client/client-settings.ts';
import { api, awaitSearch, createHotel, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { awaitConnectorRunning } from './support/fault-tools.ts';
import { runCli } from './support/run-cli.ts';
import { stack, urls } from './support/running-stack.ts';

const name = `e2e-${Date.now()}`;
let kafka: Kafka;
let admin: Admin;
const created: number[] = [];

beforeAll(async () => {
  await borrowStack();
  kafka = new Kafka({ clientId: 'snapshot-e2e', brokers: [urls().kafka], logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  const base = clientSettings(stack()).apiUrl;
  await Promise.allSettled(created.map((id) => api(base, 'DELETE', `/api/hotels/${id}`)));
  await admin?.disconnect();
  await runCli(['snapshot', 'rm', name]);
  // Whatever happened above, the stack is left running for the next file (a no-op when it is).
  await runCli(['up']);
});

/** The change topic's end offset, summed over its partitions. */
async function endOffset(topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
}

/** The `__op` of every record of `topic` past `from` (per partition), up to the end offsets of now. */
async function opsAfter(topic: string, from: Map<number, number>): Promise<string[]> {
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  const waiting = new Set([...ends].filter(([partition, end]) => end > (from.get(partition) ?? 0)).map(([partition]) => partition));
  const ops: string[] = [];
  if (waiting.size === 0) return ops;
  const groupId = `snapshot-e2e-${Date.now()}`;
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} did not reach its end offsets within 30 s`)), 30_000);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const offset = Number(message.offset);
          if (offset >= (from.get(partition) ?? 0) && offset < (ends.get(partition) ?? 0)) ops.push(String((JSON.parse(message.value?.toString() ?? '{}') as { __op?: string }).__op));
          if (offset >= (ends.get(partition) ?? 0) - 1) waiting.delete(partition);
          if (waiting.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return ops;
}

async function connectorOffsets(connector: string): Promise<unknown> {
  const response = await fetch(`${urls().connect}/connectors/${connector}/offsets`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('whole-stack snapshot', () => {
  test('save → change → restore: the change is gone everywhere, verify is clean, CDC resumes without a new snapshot', async () => {
    const here = stack();
    const base = clientSettings(here).apiUrl;
    const topic = here.names.cdcTopic;
    const before = await endOffset(topic);

    const save = await runCli(['snapshot', 'save', name]);
    expect(save.code, 'snapshot save').toBe(0);
    expect(save.output).toMatch(new RegExp(`snapshot "${name}" saved: 4 volumes`));
    await awaitConnectorRunning();
    const savedOffsets = await connectorOffsets(here.names.connector);
    const savedEnds = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    // Stopping and starting the stack for the save snapshotted nothing again either.
    expect(await endOffset(topic)).toBe(before);

    const again = await runCli(['snapshot', 'save', name]);
    expect(again.code, 'a second save under the same name is refused').toBe(1);
    expect(again.output).toContain(`a snapshot "${name}" exists already`);

    const ghostToken = uniqueToken('snapghost');
    const ghost = await createHotel(base, { name: `Snapshot ${ghostToken}`, city: 'Lyon', stars: 3 });
    await awaitSearch(base, ghostToken, ghost.id);
    const ghostEvents = (await endOffset(topic)) - before;
    expect(ghostEvents).toBeGreaterThan(0);

    const restore = await runCli(['snapshot', 'restore', name]);
    expect(restore.code, 'snapshot restore').toBe(0);
    console.log(`snapshot restore took ${restore.seconds.toFixed(1)} s (npm run snapshot -- restore, stack up and connectors RUNNING)`);
    await awaitConnectorRunning();

    // Gone from the database (the API reads it) and from search.
    expect((await api(base, 'GET', `/api/hotels/${ghost.id}`)).status).toBe(404);
    await awaitSearch(base, ghostToken, ghost.id, false, 5_000);
    expect(await endOffset(topic), "Kafka's change topic is back at the saved end").toBe(before);
    expect(await connectorOffsets(here.names.connector), "Debezium's offsets are the saved ones").toEqual(savedOffsets);

    const verify = await runCli(['verify']);
    expect(verify.code, 'npm run verify after the restore').toBe(0);

    const freshToken = uniqueToken('snapfresh');
    const fresh = await createHotel(base, { name: `Snapshot ${freshToken}`, city: 'Lyon', stars: 4 });
    created.push(fresh.id);
    await awaitSearch(base, freshToken, fresh.id);
    // A snapshot of the table would add one `r` record per hotel: only the new hotel's events are there.
    const ops = await opsAfter(topic, savedEnds);
    expect(ops).toHaveLength(ghostEvents);
    expect(ops.filter((op) => op === 'r')).toEqual([]);
  });
});
