import { describe, expect, it } from 'vitest';
import { computeLag } from '../../../../services/search-indexer/consumer-lag.ts';
import { healthBody } from '../../../../services/search-indexer/health-server.ts';
import { healthOf, initialStatus } from '../../../../services/search-indexer/indexer-status.ts';

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
  it("reports date search's pipeline under `availability`: its consumer out of its group is 503, its degraded index a named cause", async () => {
    const hotels = { ...initialStatus('hotels'), consumer: 'running' as const, elasticsearch: 'ok' as const };
    const lag = async () => ({ total: 0, partitions: [] });
    const starting = await healthBody({ status: () => hotels, lag, availability: { status: () => initialStatus('availability'), lag } });
    expect(starting.httpStatus).toBe(503);
    expect(starting.body).toMatchObject({ status: 'unavailable', causes: ['availability: consumer starting'], availability: { consumer: 'starting', lag: { total: 0 } } });

    const retrying = { ...initialStatus('availability'), consumer: 'running' as const, elasticsearch: 'retrying' as const, lastError: 'es down' };
    const degraded = await healthBody({ status: () => hotels, lag, availability: { status: () => retrying, lag } });
    expect(degraded.httpStatus).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', causes: ['availability: writes to Elasticsearch are retried and the partition waits: es down'] });
  });

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

describe('healthOf', () => {
  const running = () => ({ ...initialStatus(), consumer: 'running' as const, elasticsearch: 'ok' as const });

  it('is ok with no causes while everything works', () => {
    expect(healthOf(running())).toEqual({ httpStatus: 200, state: 'ok', causes: [] });
  });

  it('turns degraded, naming the topic and the error, while the dead-letter producer keeps failing', () => {
    const status = { ...running(), deadLetterProducer: 'retrying' as const, deadLetterProducerError: 'KafkaJSProtocolError: MESSAGE_TOO_LARGE' };
    expect(healthOf(status, 'search-indexer.dlq')).toEqual({
      httpStatus: 200,
      state: 'degraded',
      causes: ['dead letters cannot be produced to search-indexer.dlq and the partition waits: KafkaJSProtocolError: MESSAGE_TOO_LARGE'],
    });
    expect(healthOf({ ...status, deadLetterProducer: 'ok', deadLetterProducerError: null }).state).toBe('ok');
  });

  it('names the Elasticsearch error it waits on, such as a closed index', () => {
    const status = { ...running(), elasticsearch: 'retrying' as const, lastError: '1 bulk items must be retried; last: 400 index_closed_exception: closed' };
    expect(healthOf(status).causes).toEqual(['writes to Elasticsearch are retried and the partition waits: 1 bulk items must be retried; last: 400 index_closed_exception: closed']);
  });

  it('puts the causes in the /healthz body', async () => {
    const status = { ...running(), deadLetterProducer: 'retrying' as const, deadLetterProducerError: 'broker away' };
    const { body } = await healthBody({ status: () => status, dlqTopic: 'dlq', lag: async () => ({ total: 0, partitions: [] }) });
    expect(body).toMatchObject({ status: 'degraded', causes: ['dead letters cannot be produced to dlq and the partition waits: broker away'] });
  });
});
