/**
 * Switching DB_ENGINE never mixes the two databases in search. CI has no MySQL image,
 * so this proves what runs here: on a MariaDB stack, the state a MySQL stack leaves
 * behind — the MySQL connector still registered (rendered from kafka/connectors/mysql.json,
 * pointing at the running database) and a change event of a hotel that exists only in the
 * MySQL database, in the MySQL pipeline's change topic. `up` must remove the connector
 * and say so; search must never show the MySQL-only hotel, and verify finds no drift.
 * Every name comes from the typed config, for the engine in question.
 */
import { Kafka, logLevel } from 'kafkajs';
import { beforeAll, describe, expect, test } from 'vitest';
import { createConnectClient } from '../../scripts/lib/connect/connect-client.ts';
import { describeResponse } from '../../scripts/lib/platform-client/api-client.ts';
import { loadConnector } from '../../scripts/lib/connect/render-connector.ts';
import { stackConfigOf } from '../../scripts/lib/config/stack-config.ts';
import { fetchLag } from '../../services/search-indexer/consumer-lag.ts';
import { within } from '../../scripts/lib/wait/within.ts';
import { notReady, ready } from '../../scripts/lib/wait/poll.ts';
import { api, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { awaitNoDrift } from './support/fault-tools.ts';
import { runCli } from './support/run-cli.ts';
import { stack, stackConfig, urls } from './support/running-stack.ts';


beforeAll(async () => {
  await borrowStack();
});


describe('switching DB_ENGINE', () => {
  test('up removes the other engine\'s connector and search shows only this engine\'s database', async () => {
    const values = stackConfig();
    const here = stack(values);
    expect(here.engine, 'CI runs the MariaDB path; this test plays the MySQL stack it was switched from').toBe('mariadb');
    const mysqlValues = { ...values, DB_ENGINE: 'mysql' };
    const there = stackConfigOf(mysqlValues);
    // Connect validates a config against the database before it answers the PUT: slow on a busy machine.
    const connect = createConnectClient(urls(values).connect, undefined, 90_000);
    const kafka = new Kafka({ clientId: 'e2e-engine-switch', brokers: [here.urls.kafkaBroker], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await Promise.all([admin.connect(), producer.connect()]);
    try {
      // What the MySQL stack left: its connector, and a change event in its change topic
      // (kafka-init made that topic there) for a hotel this database never had.
      const mysqlConnector = loadConnector(stackConfigOf(mysqlValues));
      expect(mysqlConnector.name).toBe(there.names.connector);
      expect((await connect.putConfig(mysqlConnector.name, mysqlConnector.config)).status).toBeLessThan(300);
      await admin.createTopics({ topics: [{ topic: there.names.cdcTopic, numPartitions: 3 }] });
      const token = uniqueToken('mysqlonly');
      const id = 2_000_000_000 - Math.floor(Math.random() * 1_000_000);
      const row = { id, name: `MySQL only ${token}`, city: 'Elsewhere', stars: 5, description: null, version: 1, __op: 'c', __source_ts_ms: Date.now(), __deleted: 'false' };
      await producer.send({ topic: there.names.cdcTopic, messages: [{ key: JSON.stringify({ id }), value: JSON.stringify(row) }] });

      const up = await runCli(['up']);
      expect(up.code, 'npm run up').toBe(0);
      expect(up.output).toContain(`removed connector ${there.names.connector}: it captured DB_ENGINE=mysql and this stack now runs mariadb`);
      const registered = await connect.list();
      // This engine's connectors only: the catalog's, the inventory's for date search (issue 21) and one outbox connector per saga database (issue 20).
      const hereConnectors = [here.names.connector, here.availability.connector, ...Object.values(here.saga.services).map((service) => service.outboxConnector)];
      expect(Object.keys(registered.body ?? {}).sort()).toEqual(hereConnectors.sort());

      // Whatever reached this engine's change topic has been indexed (the indexer's
      // group has committed up to the end): only then does a missing hit mean something.
      await within(`${here.names.consumerGroup} caught up on ${here.names.cdcTopic}`, async () => {
        const lag = await fetchLag(admin, here.names.consumerGroup, here.names.cdcTopic);
        return lag.total === 0 ? ready() : notReady(`lag ${lag.total}`);
      }, { budgetMs: 60_000, intervalMs: 500 });
      const total = await within(`search for ${token} answers`, async () => {
        const search = await api(here.urls.api, 'GET', `/api/search?q=${token}`);
        return search.status === 200 ? ready((search.body as { total: number }).total) : notReady(describeResponse(search));
      }, { budgetMs: 30_000, intervalMs: 500 });
      expect(total, 'the MySQL-only hotel is in search').toBe(0);
      await awaitNoDrift();
    } finally {
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    }
  });
});
