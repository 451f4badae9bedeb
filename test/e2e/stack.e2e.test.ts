/**
 * The whole platform, for real: `up` from nothing, the smoke test, the scenarios
 * a developer relies on every day, and teardown. Real services only (Kafka,
 * Connect with Debezium, MySQL/MariaDB, Elasticsearch, HAProxy, the two services);
 * every wait polls a real condition under a bound.
 * The tests run in order and each leaves the stack running and clean for the next.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, awaitSearch, createHotel, type Hotel, uniqueToken } from './support/api.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { runCli } from './support/run-cli.ts';
import { expectConnectUnreachable } from './support/public-entry.ts';
import { paths } from '../../scripts/lib/paths.ts';
import { containers, docker, health, stack, stackConfig, urls, volumes } from './support/running-stack.ts';
import { DEFAULT_REFRESH_INTERVAL } from '../../services/search-indexer/contract.ts';

const timings: Record<string, number> = {};

async function mustRun(args: string[]) {
  const result = await runCli(args);
  expect(result.code, `npm run ${args.join(' ')} exited ${result.code}`).toBe(0);
  return result;
}

beforeAll(async () => {
  // From nothing: no containers, no volumes of this project.
  await mustRun(['reset', '--yes']);
  expect(volumes()).toEqual([]);
});

afterAll(async () => {
  await runCli(['reset', '--yes']);
  console.log('\nend-to-end timings (s):', JSON.stringify(timings));
});

describe('booking devstack end to end', () => {
  test('up from nothing brings every service to ready', async () => {
    const result = await mustRun(['up']);
    timings.upFromNothing = result.seconds;
    const states = containers();
    const running = states.filter((c) => c.running).map((c) => c.service);
    expect(running).toEqual(
      expect.arrayContaining(['catalog-api-1', 'catalog-api-2', 'connect', 'elasticsearch', 'haproxy', 'kafka', 'mysql', 'search-indexer']),
    );
  });

  test('smoke passes through the load balancer', async () => {
    const result = await mustRun(['smoke']);
    timings.smoke = result.seconds;
  });

  test('create, update and delete propagate to search', async () => {
    const { api: base } = urls();
    const token = uniqueToken('e2eprop');
    const hotel = await createHotel(base, { name: `Propagation ${token}`, city: 'Porto', stars: 3 });
    await awaitSearch(base, token, hotel.id);

    const renamed = uniqueToken('e2erenamed');
    const put = await api(base, 'PUT', `/api/hotels/${hotel.id}`, { name: `Propagation ${renamed}`, city: 'Porto', stars: 4 });
    expect(put.status).toBe(200);
    await awaitSearch(base, renamed, hotel.id);
    await awaitSearch(base, token, hotel.id, false);

    const del = await api(base, 'DELETE', `/api/hotels/${hotel.id}`);
    expect(del.status).toBe(204);
    await awaitSearch(base, renamed, hotel.id, false);
    expect((await api(base, 'GET', `/api/hotels/${hotel.id}`)).status).toBe(404);
  });

  test('both replicas serve requests', async () => {
    const { api: base } = urls();
    const servedBy = new Set<string>();
    for (let i = 0; i < 10; i++) {
      // Plain fetch: this test reads response headers the API client does not keep.
      const response = await fetch(`${base}/api/healthz`);
      expect(response.status).toBe(200);
      servedBy.add(response.headers.get('x-served-by') ?? 'missing');
      // The services' keep-alive hint is not passed on (see haproxy.cfg).
      expect(response.headers.get('keep-alive')).toBeNull();
    }
    expect([...servedBy].sort()).toEqual(['catalog-api-1', 'catalog-api-2']);
  });

  test('HAProxy /metrics shows both backends up, behind credentials', async () => {
    const values = stackConfig();
    const { stats } = urls(values);
    expect((await fetch(`${stats}/metrics`)).status).toBe(401);
    const auth = Buffer.from(`${values.HAPROXY_STATS_USER}:${values.HAPROXY_STATS_PASSWORD}`).toString('base64');
    const metrics = await (await fetch(`${stats}/metrics`, { headers: { authorization: `Basic ${auth}` } })).text();
    for (const server of ['catalog-api-1', 'catalog-api-2']) {
      expect(metrics).toContain(`haproxy_server_status{proxy="catalog_api",server="${server}",state="UP"} 1`);
    }
  });

  test('Kafka Connect is reachable on loopback but never through HAProxy', async () => {
    const { api: base, connect } = urls();
    const direct = await fetch(`${connect}/connectors`);
    expect(direct.status).toBe(200);
    const { connector } = stack().names;
    expect(await direct.json()).toContain(connector);
    await expectConnectUnreachable(base, connector);
  });

  test('a poison message goes to the dead-letter topic and the pipeline keeps going', async () => {
    const values = stackConfig();
    const { api: base, kafka: broker } = urls(values);
    const { names } = stack(values);
    const kafka = new Kafka({ clientId: 'e2e-poison', brokers: [broker], logLevel: logLevel.NOTHING });
    // A key of its own per run, so the letter found is this run's; the value is cut-off JSON.
    const poisonId = 900_000_000 + Math.floor(Math.random() * 99_999_999);
    const poisonKey = JSON.stringify({ id: poisonId });
    const poisonValue = `{"id": ${poisonId}, "name": `;
    const consumer = kafka.consumer({ groupId: uniqueToken('e2e-dlq-') });
    const dlqMessages: { key: string; value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: names.dlqTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString() : String(v)]),
        );
        dlqMessages.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
      },
    });
    const producer = kafka.producer();
    await producer.connect();
    try {
      const sentAt = Date.now();
      const [record] = await producer.send({ topic: names.cdcTopic, messages: [{ key: poisonKey, value: poisonValue }] });
      const dead = await eventually(`the poison message reaches ${names.dlqTopic}`, async () =>
        dlqMessages.find((m) => m.key === poisonKey),
      { budgetMs: 30_000, intervalMs: 250 });
      // What services/kit/kafka/dead-letter.ts writes: the message unchanged, and
      // headers naming the stage, the reason and the exact place it came from.
      expect(dead.value).toBe(poisonValue);
      expect(dead.headers).toEqual({
        'dlq.error.stage': 'decode',
        'dlq.error.message': expect.stringMatching(/^value is not JSON: \S/),
        'dlq.source.topic': names.cdcTopic,
        'dlq.source.partition': String(record!.partition),
        'dlq.source.offset': record!.baseOffset,
        'dlq.failed.at': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
      // Written after the send and before we read it (5 s for a Docker Desktop VM's clock drift).
      const failedAt = Date.parse(dead.headers['dlq.failed.at']!);
      expect(failedAt).toBeGreaterThanOrEqual(sentAt - 5_000);
      expect(failedAt).toBeLessThanOrEqual(Date.now() + 5_000);

      const token = uniqueToken('e2eafterpoison');
      const hotel = await createHotel(base, { name: `After poison ${token}`, city: 'Gdansk', stars: 2 });
      await awaitSearch(base, token, hotel.id);
      await api(base, 'DELETE', `/api/hotels/${hotel.id}`);
    } finally {
      await producer.disconnect();
      await consumer.disconnect();
    }
  });

  test('the indexer rides out an Elasticsearch outage and catches up, without restarting', async () => {
    const { api: base } = urls();
    const indexerBefore = containers().find((c) => c.service === 'search-indexer');
    const elasticsearch = containers().find((c) => c.service === 'elasticsearch');
    expect(indexerBefore?.running).toBe(true);
    docker(['stop', elasticsearch!.id]);
    let hotel: Hotel | undefined;
    try {
      // Writes only need MySQL: the API keeps accepting them while search is down.
      const token = uniqueToken('e2eoutage');
      hotel = await createHotel(base, { name: `Outage ${token}`, city: 'Bergen', stars: 3 });
      docker(['start', elasticsearch!.id]);
      await awaitSearch(base, token, hotel.id, true, 180_000);
    } finally {
      docker(['start', elasticsearch!.id]);
    }
    const indexerAfter = containers().find((c) => c.service === 'search-indexer');
    expect(indexerAfter).toEqual(indexerBefore);
    await api(base, 'DELETE', `/api/hotels/${hotel.id}`);
  });

  test('after a database restart, change capture resumes on its own', async () => {
    const { api: base } = urls();
    const database = containers().find((c) => c.service === 'mysql');
    docker(['restart', database!.id]);
    await eventually('the database is healthy again', async () => (health(database!.id) === 'healthy' ? true : undefined), { budgetMs: 120_000, intervalMs: 250 });
    // No `up` here: Debezium's binlog client must notice the lost connection and
    // reconnect by itself (connect.keep.alive.interval.ms), and the API's pool too.
    const started = performance.now();
    const token = uniqueToken('e2erestart');
    const hotel = await createHotel(base, { name: `Restarted ${token}`, city: 'Riga', stars: 4 });
    await awaitSearch(base, token, hotel.id, true, 30_000);
    timings.searchableAfterDbRestart = (performance.now() - started) / 1000;
    await api(base, 'DELETE', `/api/hotels/${hotel.id}`);
    // And up on the restarted stack finds it healthy (connector RUNNING) and succeeds.
    await mustRun(['up']);
  });

  test('a second up is a no-op: nothing is recreated or restarted', async () => {
    const before = containers();
    const result = await mustRun(['up']);
    timings.secondUp = result.seconds;
    expect(containers()).toEqual(before);
  });

  test('a changed .env recreates only the services it affects, like docker compose up', async () => {
    const { elasticsearch } = urls();
    const index = stack().names.searchIndex;
    const refreshInterval = async () => {
      const response = await fetch(`${elasticsearch}/${index}/_settings/index.refresh_interval?flat_settings=true`);
      const body = (await response.json()) as Record<string, { settings: Record<string, string> }>;
      return Object.values(body)[0]?.settings['index.refresh_interval'];
    };
    const before = containers();
    const original = readFileSync(paths.envFile, 'utf8');
    try {
      writeFileSync(paths.envFile, `${original.trimEnd()}\nSEARCH_REFRESH_INTERVAL=1s\n`);
      const status = await mustRun(['status', '--json']);
      const flagged = (JSON.parse(status.output) as { services: Array<{ service: string; configChanged: boolean }> }).services.filter((s) => s.configChanged);
      expect(flagged.map((s) => s.service)).toEqual(['search-indexer']);
      const result = await mustRun(['up']);
      expect(result.output).toContain('configuration changed for search-indexer');
      const after = containers();
      const changed = after.filter((c) => !before.some((b) => b.id === c.id)).map((c) => c.service);
      expect(changed).toEqual(['search-indexer']);
      expect(await refreshInterval()).toBe('1s');
    } finally {
      writeFileSync(paths.envFile, original);
    }
    await mustRun(['up']);
    expect(await refreshInterval()).toBe(stackConfig().SEARCH_REFRESH_INTERVAL || DEFAULT_REFRESH_INTERVAL);
  });

  test('down then up keeps the data', async () => {
    const { api: base } = urls();
    const token = uniqueToken('e2ekeep');
    const hotel: Hotel = await createHotel(base, { name: `Kept ${token}`, city: 'Ghent', stars: 4 });
    await awaitSearch(base, token, hotel.id);

    await mustRun(['down']);
    expect(containers().filter((c) => c.running)).toEqual([]);
    expect(volumes().length).toBeGreaterThan(0);

    const restarted = await mustRun(['up']);
    timings.upWithData = restarted.seconds;
    const fetched = await api(base, 'GET', `/api/hotels/${hotel.id}`);
    expect(fetched.status).toBe(200);
    expect((fetched.body as Hotel).name).toBe(`Kept ${token}`);
    await awaitSearch(base, token, hotel.id);
    await api(base, 'DELETE', `/api/hotels/${hotel.id}`);
  });

  test('reset --yes wipes the data', async () => {
    const { api: base } = urls();
    const token = uniqueToken('e2ewiped');
    const hotel = await createHotel(base, { name: `Wiped ${token}`, city: 'Turin', stars: 3 });
    await awaitSearch(base, token, hotel.id);

    await mustRun(['reset', '--yes']);
    expect(containers()).toEqual([]);
    expect(volumes()).toEqual([]);

    await mustRun(['up']);
    const after = await api(base, 'GET', `/api/search?q=${token}`);
    expect(after.status).toBe(200);
    expect((after.body as { total: number }).total).toBe(0);
    // The fresh database got its sample hotels again; the wiped one is gone. Ids start
    // over, so its id may now belong to a sample hotel: then that one answers, else 404.
    const fetched = await api(base, 'GET', `/api/hotels/${hotel.id}`);
    if (fetched.status === 200) expect((fetched.body as Hotel).name).not.toBe(`Wiped ${token}`);
    else expect(fetched.status).toBe(404);
  });
});
