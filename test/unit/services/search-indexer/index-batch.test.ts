import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../services/kit/logger.ts';
import { classifyBulkItem, type BulkItemResult } from '../../../../services/search-indexer/bulk-outcome.ts';
import type { ChangeAction } from '../../../../services/search-indexer/change-event.ts';
import type { DeadLetter, SourceMessage } from '../../../../services/kit/kafka/dead-letter.ts';
import { indexBatch, type IndexBatchDeps } from '../../../../services/search-indexer/index-batch.ts';

const row = (id: number, version: number) => ({
  id,
  name: `Hotel ${id}`,
  city: 'Graz',
  stars: 3,
  description: null,
  version,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  __op: 'c',
  __deleted: 'false',
});
let offset = 0;
const message = (value: unknown, id?: number): SourceMessage => ({
  topic: 'cdc.booking.hotels',
  partition: 0,
  offset: String(offset++),
  key: id === undefined ? null : Buffer.from(JSON.stringify({ id })),
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

type BulkAnswer = Error | ((actions: ChangeAction[]) => BulkItemResult[]);

/** Fake Elasticsearch answering from a script, and a fake DLQ producer. */
function harness(answers: BulkAnswer[], options: { running?: () => boolean } = {}) {
  const bulkCalls: ChangeAction[][] = [];
  const letters: DeadLetter[] = [];
  const sleeps: number[] = [];
  const deps: IndexBatchDeps = {
    bulk: async (actions) => {
      bulkCalls.push(actions);
      const answer = answers.shift() ?? ((a: ChangeAction[]) => a.map(() => ({ status: 200 })));
      if (answer instanceof Error) throw answer;
      return answer(actions).map((result, i) => classifyBulkItem(actions[i]!.kind === 'delete' ? 'delete' : 'index', result));
    },
    sendDeadLetters: async (sent) => void letters.push(...sent),
    retry: { shouldContinue: options.running ?? (() => true), sleep: async (ms) => void sleeps.push(ms), random: () => 0 },
    log: createLogger({}, { write: () => {} }),
  };
  return { deps, bulkCalls, letters, sleeps };
}

describe('indexBatch', () => {
  it('indexes the newest state per id in one bulk request', async () => {
    const h = harness([]);
    const result = await indexBatch([message(row(1, 1), 1), message(row(1, 2), 1), message(row(2, 1), 2)], h.deps);
    expect(result).toEqual({ completed: true, stats: { applied: 2, stale: 0, deadLettered: 0 } });
    expect(h.bulkCalls).toHaveLength(1);
    expect(h.bulkCalls[0]!.map((a) => [a.id, a.kind === 'upsert' && a.version])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('counts version conflicts as stale replays, not failures', async () => {
    const h = harness([(actions) => actions.map(() => ({ status: 409, error: { type: 'version_conflict_engine_exception' } }))]);
    const result = await indexBatch([message(row(1, 1), 1)], h.deps);
    expect(result).toEqual({ completed: true, stats: { applied: 0, stale: 1, deadLettered: 0 } });
    expect(h.letters).toEqual([]);
  });

  it('dead-letters a poison message and keeps indexing the rest', async () => {
    const h = harness([]);
    const result = await indexBatch([message('{not json', 9), message(row(1, 1), 1)], h.deps);
    expect(result.completed && result.stats).toMatchObject({ applied: 1, stale: 0, deadLettered: 1 });
    expect(h.letters[0]!.headers['dlq.error.stage']).toBe('decode');
    expect(h.letters[0]!.headers['dlq.error.message']).toContain('not JSON');
  });

  it('dead-letters an item Elasticsearch rejects for good', async () => {
    const h = harness([() => [{ status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad date' } }]]);
    const result = await indexBatch([message(row(1, 1), 1)], h.deps);
    expect(result.completed && result.stats.lastDeadLetterReason).toBe('400 mapper_parsing_exception: bad date');
    expect(h.letters[0]!.headers).toMatchObject({ 'dlq.error.stage': 'index', 'dlq.error.message': '400 mapper_parsing_exception: bad date' });
  });

  it('waits with growing backoff while Elasticsearch is down, then completes', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { name: 'ConnectionError' });
    const h = harness([down, down, down]);
    const states: string[] = [];
    const result = await indexBatch([message(row(1, 1), 1)], { ...h.deps, onElasticsearch: (s) => void states.push(s) });
    expect(result.completed).toBe(true);
    expect(h.sleeps).toEqual([125, 250, 500]);
    expect(states).toEqual(['retrying', 'retrying', 'retrying', 'ok']);
  });

  it('retries only the items that failed with 429', async () => {
    const h = harness([() => [{ status: 200 }, { status: 429, error: { type: 'es_rejected_execution_exception' } }]]);
    const result = await indexBatch([message(row(1, 1), 1), message(row(2, 1), 2)], h.deps);
    expect(result.completed && result.stats.applied).toBe(2);
    expect(h.bulkCalls.map((call) => call.map((a) => a.id))).toEqual([[1, 2], [2]]);
  });

  it('gives up without completing when the consumer stops, so nothing is committed', async () => {
    let running = true;
    const h = harness([new Error('down'), new Error('down')], { running: () => running });
    h.deps.retry.sleep = async () => {
      running = false;
    };
    expect(await indexBatch([message(row(1, 1), 1)], h.deps)).toEqual({ completed: false });
  });

  it('retries an item whose index is missing or write-blocked instead of dead-lettering it', async () => {
    const h = harness([
      () => [{ status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [hotels]' } }],
      () => [{ status: 403, error: { type: 'cluster_block_exception', reason: 'index [hotels-v1] blocked by: [FORBIDDEN/8/index write (api)]' } }],
    ]);
    const result = await indexBatch([message(row(1, 1), 1)], h.deps);
    expect(result).toEqual({ completed: true, stats: { applied: 1, stale: 0, deadLettered: 0 } });
    expect(h.bulkCalls).toHaveLength(3);
    expect(h.letters).toEqual([]);
  });

  it('waits out a closed index (item or whole request) and applies the change once it is open, dead-lettering nothing', async () => {
    const closedRequest = Object.assign(new Error('index_closed_exception'), {
      statusCode: 400,
      meta: { statusCode: 400, body: { error: { type: 'index_closed_exception', reason: 'closed', root_cause: [{ type: 'index_closed_exception' }] } } },
    });
    const closedItem = () => [{ status: 400, error: { type: 'index_closed_exception', reason: 'closed' } }];
    const h = harness([closedItem, closedRequest, closedItem, closedRequest, closedItem]);
    const states: string[] = [];
    const result = await indexBatch([message(row(1, 2), 1)], { ...h.deps, maxRequestRefusals: 1, onElasticsearch: (state) => void states.push(state) });
    expect(result).toEqual({ completed: true, stats: { applied: 1, stale: 0, deadLettered: 0 } });
    expect(h.letters).toEqual([]);
    expect(h.bulkCalls).toHaveLength(6);
    expect(states).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'retrying', 'ok']);
  });

  it('reports a dead-letter producer that keeps failing, and reports it ok again once the letters are taken', async () => {
    const h = harness([() => [{ status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad' } }]]);
    const states: string[] = [];
    let failures = 3;
    const result = await indexBatch([message(row(1, 1), 1)], {
      ...h.deps,
      sendDeadLetters: async (sent) => {
        if (failures-- > 0) throw new Error('broker away');
        h.letters.push(...sent);
      },
      onDeadLetters: (state, error) => void states.push(error ? `${state}: ${(error as Error).message}` : state),
    });
    expect(result).toMatchObject({ completed: true, stats: { deadLettered: 1 } });
    expect(states).toEqual(['retrying: broker away', 'retrying: broker away', 'retrying: broker away', 'ok']);
  });

  it('dead-letters the messages of a request refused with a 4xx after a bounded number of tries, with the error', async () => {
    const refused = Object.assign(new Error('parse_exception'), {
      statusCode: 400,
      meta: { statusCode: 400, body: { error: { type: 'parse_exception', reason: 'request body is required' } } },
    });
    const h = harness([refused, refused, refused, refused]);
    const result = await indexBatch([message(row(1, 1), 1), message(row(2, 1), 2)], { ...h.deps, maxRequestRefusals: 3 });
    expect(h.bulkCalls).toHaveLength(3);
    expect(result).toEqual({
      completed: true,
      stats: { applied: 0, stale: 0, deadLettered: 2, lastDeadLetterReason: 'bulk request refused 3 times: 400 parse_exception: request body is required' },
    });
    expect(h.letters.map((l) => l.headers['dlq.error.stage'])).toEqual(['index', 'index']);
  });

  it('keeps retrying a request that failed without a 4xx (Elasticsearch down, 503, 429)', async () => {
    const unavailable = Object.assign(new Error('unavailable'), { statusCode: 503, meta: { statusCode: 503, body: {} } });
    const h = harness([unavailable, unavailable, unavailable, unavailable, unavailable]);
    const result = await indexBatch([message(row(1, 1), 1)], { ...h.deps, maxRequestRefusals: 3 });
    expect(result).toEqual({ completed: true, stats: { applied: 1, stale: 0, deadLettered: 0 } });
    expect(h.bulkCalls).toHaveLength(6);
  });
});
