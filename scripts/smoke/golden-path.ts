/**
 * The golden path of DESIGN.md as timed steps: HAProxy → both replicas → Connect
 * RUNNING → a hotel created through the API → seen by mysql2, kafkajs, search and
 * the Elasticsearch client → updated and deleted, both propagated. Clients come
 * in as parameters; the test of this file runs it against fakes.
 */
import { notReady, ready, type ProbeResult } from '../lib/wait/poll.ts';
import { describeResponse, searchPath, type ApiClient, type StoredHotel } from '../lib/platform-client/api-client.ts';
import { judgeReplicas, judgeSearchHit, judgeSearchMiss } from '../lib/platform-client/api-judgements.ts';
import type { ChangeEventSeen, KafkaWatcher } from '../lib/platform-client/kafka-watcher.ts';
import { StepFailure, withinStep, type StepRunner } from './step-runner.ts';

export interface GoldenPathDeps {
  api: ApiClient;
  runner: StepRunner;
  token: string;
  topic: string;
  connectorName: string;
  connector: () => Promise<ProbeResult<string>>;
  startWatcher: () => Promise<KafkaWatcher>;
  mysqlRow: (id: number) => Promise<{ name: string; version: number } | undefined>;
  esDocument: (id: number) => Promise<{ name: string; version: number } | undefined>;
  now?: () => number;
  /** Scales every wait budget (tests use a small one). */
  budgetScale?: number;
  /**
   * Set when the profile runs without search (profiles-config.ts): its name. Connect, Kafka
   * and search are then listed as off, search's 503 must name the profile, and the update
   * and delete are proven through the API and the database instead.
   */
  searchOffIn?: string;
}

export interface GoldenPathOutcome {
  createdId: number | undefined;
  deleted: boolean;
  latencies: { searchableMs?: number; updateMs?: number; deleteMs?: number };
  watcher: KafkaWatcher | undefined;
}

export async function runGoldenPath(deps: GoldenPathDeps): Promise<GoldenPathOutcome> {
  const { api, runner: r, token } = deps;
  const now = deps.now ?? (() => performance.now());
  const budget = (ms: number) => Math.round(ms * (deps.budgetScale ?? 1));
  const outcome: GoldenPathOutcome = { createdId: undefined, deleted: false, latencies: {}, watcher: undefined };

  await r.step('HAProxy GET /healthz', async () => {
    const value = await withinStep('haproxy', async () => okOr(await api.request('GET', '/healthz')), {
      expected: 'HTTP 200 from HAProxy', hint: 'is the stack up? run `npm run up`; HTTP_PORT in .env is the entry port', budgetMs: budget(3_000),
    });
    return { value };
  });

  await r.step('both replicas answer /api/healthz', async () => {
    const seen = new Set<string>();
    const names = await withinStep('replicas', async () => judgeReplicas(seen, await api.request('GET', '/api/healthz')), {
      expected: '200 with two different X-Served-By names', budgetMs: budget(5_000),
      hint: '`npm run status` shows whether catalog-api-1 and -2 are healthy; /api/healthz is 503 when MySQL or Elasticsearch is down',
    });
    return { value: names, detail: names.join(', ') };
  });

  if (deps.searchOffIn !== undefined) return runWithoutSearch(deps, deps.searchOffIn, outcome);

  await r.step(`Connect: ${deps.connectorName} and task RUNNING`, async () => {
    const summary = await withinStep('connector', deps.connector, {
      expected: 'connector and all tasks RUNNING', budgetMs: budget(3_000), intervalMs: 250,
      hint: '`npm run up` registers and restarts it; `npm run logs connect` shows why a task failed',
    });
    return { value: summary, detail: summary };
  });

  outcome.watcher = await r.step(`kafkajs subscribed to ${deps.topic}`, async () => ({ value: await deps.startWatcher() }));

  const created = await r.step('POST /api/hotels', async () => {
    const response = await api.request('POST', '/api/hotels', { name: `Smoke ${token}`, city: 'Smoketown', stars: 3, description: 'created by npm run smoke' });
    if (response.status !== 201) throw new StepFailure('HTTP 201 with the stored hotel', describeResponse(response), 'see `npm run logs catalog-api-1`');
    const hotel = response.body as StoredHotel;
    outcome.createdId = hotel.id;
    return { value: { hotel, at: now() }, detail: `id ${hotel.id} via ${response.servedBy}` };
  });
  if (!created) return outcome;
  const { id } = created.hotel;

  await r.step('mysql2 sees the row', async () => {
    const row = await withinStep('mysql row', async () => {
      const found = await deps.mysqlRow(id);
      return found?.name.includes(token) ? ready(found) : notReady(found ? `row has name "${found.name}"` : `no row with id ${id}`);
    }, { expected: `row ${id} with the token in its name`, budgetMs: budget(2_000), hint: 'MYSQL_USER/MYSQL_PASSWORD in .env must match the database' });
    return { value: row, detail: `version ${row.version}` };
  });

  await r.step('kafkajs sees the change event', async () => {
    const event = await waitForEvent(outcome.watcher!, (e) => e.id === id && !!e.name?.includes(token), budget(8_000));
    return { value: event, detail: `partition ${event.partition} offset ${event.offset} op ${event.op}` };
  });

  await r.step('found via /api/search', async () => {
    await withinStep('searchable', async () => judgeSearchHit(await api.request('GET', searchPath(token)), id), {
      expected: `hotel ${id} in the results for "${token}"`, budgetMs: budget(10_000),
      hint: '`npm run logs search-indexer` (consumer lag, Elasticsearch errors, dead letters)',
    });
    outcome.latencies.searchableMs = now() - created.at;
    return { value: undefined, detail: `searchable ${Math.round(outcome.latencies.searchableMs)} ms after create` };
  });

  await r.step('@elastic/elasticsearch sees the document', async () => {
    const doc = await withinStep('document', async () => {
      const found = await deps.esDocument(id);
      return found ? ready(found) : notReady(`no document ${id}`);
    }, { expected: `document ${id}`, budgetMs: budget(3_000), hint: 'check SEARCH_INDEX and the indexer log' });
    return { value: doc, detail: `version ${doc.version}` };
  });

  const renamed = `${token}upd`;
  await r.step('update propagates to search', async () => {
    const response = await api.request('PUT', `/api/hotels/${id}`, { name: `Smoke ${renamed}`, city: 'Smoketown', stars: 4 });
    if (response.status !== 200) throw new StepFailure('HTTP 200 with the replaced hotel', describeResponse(response), 'see `npm run logs catalog-api-1`');
    const version = (response.body as StoredHotel).version;
    const started = now();
    await withinStep('update', async () => judgeSearchHit(await api.request('GET', searchPath(renamed)), id, version), {
      expected: `hotel ${id} at version ${version} searchable as "${renamed}"`, budgetMs: budget(10_000),
      hint: 'an older version winning means the external version ordering is broken; see the indexer log',
    });
    outcome.latencies.updateMs = now() - started;
    return { value: undefined, detail: `version ${version}, ${Math.round(outcome.latencies.updateMs)} ms` };
  });

  await r.step('delete propagates to search', async () => {
    const response = await api.request('DELETE', `/api/hotels/${id}`);
    if (response.status !== 204) throw new StepFailure('HTTP 204', describeResponse(response), 'see `npm run logs catalog-api-1`');
    outcome.deleted = true;
    const started = now();
    await withinStep('delete', async () => {
      const miss = judgeSearchMiss(await api.request('GET', searchPath(renamed)), id);
      if (!miss.ready) return miss;
      return (await deps.esDocument(id)) ? notReady(`document ${id} still in Elasticsearch`) : ready();
    }, {
      expected: `hotel ${id} gone from search and from the index`, budgetMs: budget(10_000),
      hint: 'deletes arrive as __deleted=true rows; check delete.tombstone.handling.mode in kafka/connectors/*.json',
    });
    outcome.latencies.deleteMs = now() - started;
    return { value: undefined, detail: `${Math.round(outcome.latencies.deleteMs)} ms` };
  });

  return outcome;
}

/** The rest of the golden path on a profile without Kafka, Connect and search. */
async function runWithoutSearch(deps: GoldenPathDeps, profile: string, outcome: GoldenPathOutcome): Promise<GoldenPathOutcome> {
  const { api, runner: r, token } = deps;
  // Not "Connect is off": the booking profile runs Connect, for the saga; search is what is off.
  const off = `off: profile ${profile} runs without search`;
  for (const step of [`Connect: ${deps.connectorName} and task RUNNING`, `kafkajs subscribed to ${deps.topic}`]) r.skip(step, off);

  const created = await r.step('POST /api/hotels', async () => {
    const response = await api.request('POST', '/api/hotels', { name: `Smoke ${token}`, city: 'Smoketown', stars: 3, description: 'created by npm run smoke' });
    if (response.status !== 201) throw new StepFailure('HTTP 201 with the stored hotel', describeResponse(response), 'see `npm run logs catalog-api-1`');
    const hotel = response.body as StoredHotel;
    outcome.createdId = hotel.id;
    return { value: hotel, detail: `id ${hotel.id} via ${response.servedBy}` };
  });
  if (!created) return outcome;
  const { id } = created;

  await r.step('mysql2 sees the row', async () => {
    const row = await deps.mysqlRow(id);
    if (!row?.name.includes(token)) throw new StepFailure(`row ${id} with the token in its name`, row ? `name "${row.name}"` : `no row with id ${id}`, 'MYSQL_USER/MYSQL_PASSWORD in .env must match the database');
    return { value: row, detail: `version ${row.version}` };
  });

  await r.step(`search answers 503 naming profile ${profile}`, async () => {
    const response = await api.request('GET', searchPath(token));
    const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (response.status !== 503 || error?.code !== 'search_off' || !error.message?.includes(`profile ${profile}`)) {
      throw new StepFailure(`HTTP 503 search_off whose message names profile ${profile}`, describeResponse(response), 'catalog-api reads SEARCH_OFF_REASON from compose.yaml; `npm run up` recreates it after a profile change');
    }
    return { value: undefined, detail: error.message.slice(0, 80) };
  });
  for (const step of ['kafkajs sees the change event', '@elastic/elasticsearch sees the document']) r.skip(step, off);

  await r.step('update reaches the database', async () => {
    const response = await api.request('PUT', `/api/hotels/${id}`, { name: `Smoke ${token}upd`, city: 'Smoketown', stars: 4 });
    if (response.status !== 200) throw new StepFailure('HTTP 200 with the replaced hotel', describeResponse(response), 'see `npm run logs catalog-api-1`');
    const version = (response.body as StoredHotel).version;
    const row = await deps.mysqlRow(id);
    if (row?.version !== version) throw new StepFailure(`row ${id} at version ${version}`, row ? `version ${row.version}` : 'no row', 'see `npm run logs catalog-api-1`');
    return { value: undefined, detail: `version ${version}` };
  });

  await r.step('delete reaches the database', async () => {
    const response = await api.request('DELETE', `/api/hotels/${id}`);
    if (response.status !== 204) throw new StepFailure('HTTP 204', describeResponse(response), 'see `npm run logs catalog-api-1`');
    outcome.deleted = true;
    if (await deps.mysqlRow(id)) throw new StepFailure(`no row ${id}`, 'the row is still there', 'see `npm run logs catalog-api-1`');
    return { value: undefined };
  });
  return outcome;
}

function okOr(response: { status: number; body: unknown; servedBy: string | null }): ProbeResult {
  return response.status === 200 ? ready() : notReady(describeResponse(response));
}

async function waitForEvent(watcher: KafkaWatcher, match: (e: ChangeEventSeen) => boolean, budgetMs: number) {
  return withinStep('change event', async () => {
    const event = watcher.events.find(match);
    return event ? ready(event) : notReady(`${watcher.events.length} event(s) seen, none for this hotel`);
  }, { expected: 'a change event for the new hotel', budgetMs, hint: 'is the connector RUNNING and streaming? `npm run logs connect`' });
}
