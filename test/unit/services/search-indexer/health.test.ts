import { describe, expect, it } from 'vitest';
import { computeLag } from '../../../../services/search-indexer/consumer-lag.ts';
import { healthBody } from '../../../../services/search-indexer/health-server.ts';
import { initialStatus } from '../../../../services/search-indexer/indexer-status.ts';

describe('computeLag', () => {
  it('subtracts committed offsets from high watermarks, counting uncommitted partitions from low', () => {
    const lag = computeLag(
      [
        { partition: 1, high: '50', low: '10' },
        { partition: 0, high: '100', low: '0' },
      ],
      [
        { partition: 0, offset: '90' },
        { partition: 1, offset: '-1' },
      ],
    );
    expect(lag).toEqual({
      total: 50,
      partitions: [
        { partition: 0, high: 100, committed: 90, lag: 10 },
        { partition: 1, high: 50, committed: null, lag: 40 },
      ],
    });
  });
});

describe('healthBody', () => {
  it('is 503 until the consumer joined its group', async () => {
    const { httpStatus, body } = await healthBody({ status: initialStatus, lag: async () => ({ total: 0, partitions: [] }) });
    expect(httpStatus).toBe(503);
    expect(body.status).toBe('unavailable');
  });

  it('stays 200 but degraded while Elasticsearch is retried, and reports a lag error instead of hanging', async () => {
    const status = { ...initialStatus(), consumer: 'running' as const, elasticsearch: 'retrying' as const };
    const { httpStatus, body } = await healthBody({
      status: () => status,
      lag: () => new Promise(() => {}),
      lagTimeoutMs: 10,
    });
    expect(httpStatus).toBe(200);
    expect(body).toMatchObject({ status: 'degraded', lag: { error: 'lag not known within 10 ms' } });
  });

  it('says loudly that the search index is missing, with the fix, and reports the document count', async () => {
    const status = initialStatus('hotels');
    status.consumer = 'running';
    status.elasticsearch = 'index missing';
    status.searchIndex = { ...status.searchIndex, problem: 'the search alias hotels points at no index', fix: 'run `npm run reindex`' };
    const { httpStatus, body } = await healthBody({ status: () => status, lag: async () => ({ total: 3, partitions: [] }), documents: async () => 0 });
    expect(httpStatus).toBe(200);
    expect(body).toMatchObject({ status: 'degraded', problem: 'the search alias hotels points at no index', fix: 'run `npm run reindex`', documents: 0 });
  });
});
