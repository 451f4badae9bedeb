import { describe, expect, it } from 'vitest';
import type { ApiClient, ApiResponse } from '../../../scripts/lib/platform-client/api-client.ts';
import { runGoldenPath, type GoldenPathDeps } from '../../../scripts/smoke/golden-path.ts';
import type { ChangeEventSeen } from '../../../scripts/lib/platform-client/kafka-watcher.ts';
import { createStepRunner } from '../../../scripts/smoke/step-runner.ts';

/** Each API request takes this long on the stack's clock. */
const REQUEST_MS = 100;
/** A change becomes visible in the index this long after its write (the refresh interval). */
const INDEX_LAG_MS = 150;

/**
 * A whole fake stack: API, MySQL table, CDC events and index, on a clock of its own
 * that only API requests move. A change reaches the index INDEX_LAG_MS after the
 * write, so the latencies the golden path measures are known exactly: the write
 * ends at t, searches run at t+100 (not yet visible) and t+200 (visible) → 200 ms.
 */
function fakeStack(options: { indexerDown?: boolean } = {}) {
  const table = new Map<number, { name: string; version: number }>();
  const index = new Map<number, { name: string; version: number }>();
  const pending: Array<{ at: number; id: number; row: { name: string; version: number } | undefined }> = [];
  const events: ChangeEventSeen[] = [];
  let clock = 0;
  let replica = 0;
  let nextId = 100;
  const settle = () => {
    while (pending[0] && pending[0].at <= clock) {
      const { id, row } = pending.shift()!;
      if (row) index.set(id, row);
      else index.delete(id);
    }
  };
  const publish = (id: number, op: string) => {
    const row = table.get(id);
    events.push({ partition: 0, offset: String(events.length), id, op, name: row?.name, deleted: op === 'd' });
    if (options.indexerDown) return;
    pending.push({ at: clock + INDEX_LAG_MS, id, row: row ? { ...row } : undefined });
  };
  const reply = (status: number, body?: unknown): ApiResponse => ({ status, body, servedBy: `catalog-api-${(replica++ % 2) + 1}` });
  const api: ApiClient = {
    async request(method, path, body) {
      clock += REQUEST_MS;
      settle();
      const input = body as { name: string };
      const id = Number(path.split('/')[3]);
      if (path === '/healthz' || path === '/api/healthz') return reply(200, { status: 'ok' });
      if (method === 'POST') {
        table.set(nextId, { name: input.name, version: 1 });
        publish(nextId, 'c');
        return reply(201, { id: nextId++, version: 1, ...input });
      }
      if (method === 'PUT') {
        table.set(id, { name: input.name, version: table.get(id)!.version + 1 });
        publish(id, 'u');
        return reply(200, { id, ...table.get(id) });
      }
      if (method === 'DELETE') {
        if (!table.delete(id)) return reply(404);
        publish(id, 'd');
        return reply(204);
      }
      const q = new URL(path, 'http://x').searchParams.get('q')!;
      const hits = [...index.entries()].filter(([, d]) => d.name.split(' ').includes(q)).map(([hid, d]) => ({ id: hid, ...d }));
      return reply(200, { total: hits.length, hits });
    },
  };
  const stopped: string[] = [];
  const deps = (runner = createStepRunner()): GoldenPathDeps => ({
    api,
    runner,
    token: 'smoketoken1',
    topic: 'cdc.booking.hotels',
    connectorName: 'catalog-cdc-mysql',
    connector: async () => ({ ready: true, value: 'connector RUNNING, tasks [0:RUNNING]' }),
    startWatcher: async () => ({ events, stop: async () => void stopped.push('watcher') }),
    mysqlRow: async (id) => table.get(id),
    esDocument: async (id) => {
      settle();
      return index.get(id);
    },
    now: () => clock,
    budgetScale: 0.05,
  });
  return { deps, table, index, stopped };
}

describe('runGoldenPath', () => {
  it('passes every step on a healthy stack and measures the latencies', async () => {
    const stack = fakeStack();
    const runner = createStepRunner();
    const outcome = await runGoldenPath(stack.deps(runner));
    expect(runner.results.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(runner.results.map((r) => r.name)).toEqual([
      'HAProxy GET /healthz',
      'both replicas answer /api/healthz',
      'Connect: catalog-cdc-mysql and task RUNNING',
      'kafkajs subscribed to cdc.booking.hotels',
      'POST /api/hotels',
      'mysql2 sees the row',
      'kafkajs sees the change event',
      'found via /api/search',
      '@elastic/elasticsearch sees the document',
      'update propagates to search',
      'delete propagates to search',
    ]);
    expect(outcome).toMatchObject({ createdId: 100, deleted: true });
    // write → searchable: one search too early, the next one finds it (see fakeStack).
    expect(outcome.latencies).toEqual({ searchableMs: 2 * REQUEST_MS, updateMs: 2 * REQUEST_MS, deleteMs: 2 * REQUEST_MS });
    expect(stack.table.size).toBe(0);
  });

  it('names the step that broke, what it expected and what it saw', async () => {
    const stack = fakeStack({ indexerDown: true });
    const runner = createStepRunner();
    const outcome = await runGoldenPath(stack.deps(runner));
    const failed = runner.results.find((r) => r.status === 'failed')!;
    expect(failed.name).toBe('found via /api/search');
    expect(failed.failure).toMatchObject({
      expected: expect.stringContaining('hotel 100 in the results for "smoketoken1"'),
      seen: '0 hit(s), none with id 100',
      hint: expect.stringContaining('search-indexer'),
    });
    expect(runner.results.at(-1)!.status).toBe('skipped');
    // the command deletes what the run created when the path broke before the delete step
    expect(outcome).toMatchObject({ createdId: 100, deleted: false });
  });
});

describe('runGoldenPath on a profile without search', () => {
  /** The API and its table; searches answer as catalog-api does when the profile left Elasticsearch out. */
  function coreStack(searchAnswer: ApiResponse) {
    const table = new Map<number, { name: string; version: number }>();
    let replica = 0;
    const reply = (status: number, body?: unknown): ApiResponse => ({ status, body, servedBy: `catalog-api-${(replica++ % 2) + 1}` });
    const api: ApiClient = {
      async request(method, path, body) {
        const input = body as { name: string };
        const id = Number(path.split('/')[3]);
        if (path === '/healthz' || path === '/api/healthz') return reply(200, { status: 'ok', elasticsearch: 'off' });
        if (path.startsWith('/api/search')) return searchAnswer;
        if (method === 'POST') {
          table.set(7, { name: input.name, version: 1 });
          return reply(201, { id: 7, version: 1, ...input });
        }
        if (method === 'PUT') {
          table.set(id, { name: input.name, version: table.get(id)!.version + 1 });
          return reply(200, { id, ...table.get(id) });
        }
        return reply(table.delete(id) ? 204 : 404);
      },
    };
    const untouchable = async (): Promise<never> => {
      throw new Error('asked a part the profile leaves out');
    };
    const deps: GoldenPathDeps = {
      api,
      runner: createStepRunner(),
      token: 'smoketoken2',
      topic: 'cdc.booking.hotels',
      connectorName: 'catalog-cdc-mysql',
      connector: untouchable,
      startWatcher: untouchable,
      mysqlRow: async (rowId) => table.get(rowId),
      esDocument: untouchable,
      searchOffIn: 'core',
    };
    return { deps, table };
  }
  const off = { status: 503, body: { error: { code: 'search_off', message: 'search is off: profile core runs without Kafka, Connect, Elasticsearch and the search indexer. Start them with: npm run up -- --profile full (or --profile search)' } }, servedBy: 'catalog-api-1' };

  it('lists Connect, Kafka and search as off, proves the 503 names the profile, and the writes through the database', async () => {
    const { deps, table } = coreStack(off);
    const outcome = await runGoldenPath(deps);
    expect(deps.runner.results.map((r) => [r.name, r.status, r.status === 'skipped' ? r.detail : ''])).toEqual([
      ['HAProxy GET /healthz', 'ok', ''],
      ['both replicas answer /api/healthz', 'ok', ''],
      ['Connect: catalog-cdc-mysql and task RUNNING', 'skipped', 'off: profile core runs without search'],
      ['kafkajs subscribed to cdc.booking.hotels', 'skipped', 'off: profile core runs without search'],
      ['POST /api/hotels', 'ok', ''],
      ['mysql2 sees the row', 'ok', ''],
      ['search answers 503 naming profile core', 'ok', ''],
      ['kafkajs sees the change event', 'skipped', 'off: profile core runs without search'],
      ['@elastic/elasticsearch sees the document', 'skipped', 'off: profile core runs without search'],
      ['update reaches the database', 'ok', ''],
      ['delete reaches the database', 'ok', ''],
    ]);
    expect(outcome).toMatchObject({ createdId: 7, deleted: true });
    expect(table.size).toBe(0);
  });

  it("fails when search's 503 does not say why (HAProxy's own page, say), and leaves the hotel for the cleanup", async () => {
    const { deps } = coreStack({ status: 503, body: '<html><body><h1>503 Service Unavailable</h1></body></html>', servedBy: null });
    const outcome = await runGoldenPath(deps);
    const failed = deps.runner.results.find((r) => r.status === 'failed')!;
    expect(failed.name).toBe('search answers 503 naming profile core');
    expect(failed.failure).toMatchObject({ expected: 'HTTP 503 search_off whose message names profile core', seen: expect.stringContaining('HTTP 503') });
    expect(outcome).toMatchObject({ createdId: 7, deleted: false });
  });
});
