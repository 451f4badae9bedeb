import { describe, expect, it } from 'vitest';
import { runGoldenTrace } from '../../../scripts/lib/console/golden-trace.ts';
import type { ApiClient, ApiResponse } from '../../../scripts/lib/platform-client/api-client.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

const token = 'trace123';

/** The stack as the trace sees it: each hop becomes visible at a given time after the POST. */
function fakeStack(visibleAfter: { row: number; kafka: number; index: number; search: number }, create: ApiResponse = { status: 201, body: { id: 42 }, servedBy: 'catalog-api-2' }) {
  const clock = fakeClock(0);
  const calls: string[] = [];
  const since = (ms: number) => clock.now() >= ms;
  const api: ApiClient = {
    async request(method, path) {
      calls.push(`${method} ${path.split('?')[0]}`);
      if (method === 'POST') return create;
      if (method === 'DELETE') return { status: 204, body: undefined, servedBy: 'catalog-api-1' };
      return { status: 200, body: { total: 1, hits: since(visibleAfter.search) ? [{ id: 42, version: 1 }] : [] }, servedBy: 'catalog-api-1' };
    },
  };
  return {
    clock,
    calls,
    deps: {
      api,
      clock,
      token,
      budgetMs: 5_000,
      mysqlRow: async () => (since(visibleAfter.row) ? { name: `Console trace ${token}` } : undefined),
      kafkaSeen: () => ({ seen: since(visibleAfter.kafka) }),
      esDocument: async () => (since(visibleAfter.index) ? { name: 'x' } : undefined),
    },
  };
}

describe('runGoldenTrace', () => {
  it("times every hop from the POST, each on its own, then deletes the hotel", async () => {
    const { deps, calls } = fakeStack({ row: 0, kafka: 300, index: 900, search: 1_200 });
    const trace = await runGoldenTrace(deps);
    expect(trace.hotelId).toBe(42);
    expect(trace.deleted).toBe(true);
    expect(trace.hops.map((h) => [h.hop, h.ok])).toEqual([['API', true], ['row', true], ['Kafka', true], ['index', true], ['search', true]]);
    const ms = Object.fromEntries(trace.hops.map((h) => [h.hop, h.ms]));
    expect(ms.Kafka).toBeGreaterThanOrEqual(300);
    expect(ms.index).toBeGreaterThanOrEqual(900);
    expect(ms.search).toBeGreaterThanOrEqual(1_200);
    expect(ms.Kafka!).toBeLessThan(ms.index!);
    expect(calls[0]).toBe('POST /api/hotels');
    expect(calls.at(-1)).toBe('DELETE /api/hotels/42');
  });

  it('names the hop that never came, and still deletes the hotel', async () => {
    const { deps, calls } = fakeStack({ row: 0, kafka: 0, index: Infinity, search: Infinity });
    const trace = await runGoldenTrace(deps);
    const index = trace.hops.find((h) => h.hop === 'index')!;
    expect(index).toMatchObject({ ok: false, ms: null });
    expect(index.detail).toContain('index for hotel 42: not ready after 5.0 s; last error: no document 42 yet');
    expect(calls.at(-1)).toBe('DELETE /api/hotels/42');
  });

  it('stops at the API when the create is refused, and has nothing to delete', async () => {
    const { deps, calls } = fakeStack({ row: 0, kafka: 0, index: 0, search: 0 }, { status: 503, body: { error: 'database unavailable' }, servedBy: 'catalog-api-1' });
    const trace = await runGoldenTrace(deps);
    expect(trace).toEqual({ hotelId: null, deleted: false, hops: [{ hop: 'API', ok: false, ms: null, detail: 'HTTP 503 from catalog-api-1: {"error":"database unavailable"}' }] });
    expect(calls).toEqual(['POST /api/hotels']);
  });

  it("says when the console's Kafka reader is not running", async () => {
    const { deps } = fakeStack({ row: 0, kafka: 0, index: 0, search: 0 });
    const trace = await runGoldenTrace({ ...deps, kafkaSeen: () => ({ error: 'Kafka at 127.0.0.1:9092: Connection error: ECONNREFUSED' }) });
    expect(trace.hops.find((h) => h.hop === 'Kafka')?.detail).toContain("last error: the console's Kafka reader: Kafka at 127.0.0.1:9092: Connection error: ECONNREFUSED");
  });
});
