import { describe, expect, it } from 'vitest';
import { judgeConnectorStatus } from '../../../scripts/lib/platform-client/connector-status.ts';
import { judgeReplicas, judgeSearchHit, judgeSearchMiss } from '../../../scripts/lib/platform-client/api-judgements.ts';
import { summarize } from '../../../scripts/lib/bench/latency-stats.ts';
import { sameHotel } from '../../../scripts/lib/seed/sample-hotels.ts';
import { clientSettings, uniqueToken } from '../../../scripts/lib/platform-client/client-settings.ts';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';

const answer = (status: number, body: unknown, servedBy: string | null = 'catalog-api-1') => ({ status, body, servedBy });

describe('judgeReplicas', () => {
  it('is ready once two different replicas answered 200', () => {
    const seen = new Set<string>();
    expect(judgeReplicas(seen, answer(200, {})).ready).toBe(false);
    expect(judgeReplicas(seen, answer(200, {})).ready).toBe(false);
    expect(judgeReplicas(seen, answer(503, { status: 'degraded' }, 'catalog-api-2'))).toMatchObject({
      ready: false,
      reason: expect.stringContaining('HTTP 503 from catalog-api-2'),
    });
    expect(judgeReplicas(seen, answer(200, {}, 'catalog-api-2'))).toEqual({ ready: true, value: ['catalog-api-1', 'catalog-api-2'] });
  });
});

describe('judgeSearchHit / judgeSearchMiss', () => {
  const results = answer(200, { total: 1, hits: [{ id: 7, version: 2, name: 'x', city: 'y', stars: 1 }] });
  it('finds the hotel at a minimum version', () => {
    expect(judgeSearchHit(results, 7)).toEqual({ ready: true, value: 2 });
    expect(judgeSearchHit(results, 7, 3)).toEqual({ ready: false, reason: 'hotel 7 found at version 2' });
    expect(judgeSearchHit(results, 8).ready).toBe(false);
    expect(judgeSearchMiss(results, 7).ready).toBe(false);
    expect(judgeSearchMiss(results, 8).ready).toBe(true);
  });
});

describe('judgeConnectorStatus', () => {
  it('wants the connector and every task RUNNING and shows the first trace line otherwise', () => {
    const running = { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }] };
    expect(judgeConnectorStatus(200, running)).toEqual({ ready: true, value: 'connector RUNNING, tasks [0:RUNNING]' });
    const failed = { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED', trace: 'Access denied for user\n at ...' }] };
    expect(judgeConnectorStatus(200, failed)).toEqual({
      ready: false,
      reason: 'connector RUNNING, tasks [0:FAILED]; Access denied for user',
    });
    expect(judgeConnectorStatus(200, { connector: { state: 'RUNNING' }, tasks: [] }).ready).toBe(false);
    expect(judgeConnectorStatus(404, 'not found')).toMatchObject({ reason: 'the connector is not registered (404)' });
  });
});

describe('clientSettings', () => {
  it('points every client at 127.0.0.1 and the published ports', () => {
    const settings = clientSettings(stackConfigOf({ HTTP_PORT: '18080', KAFKA_PORT: '19092', CONNECT_PORT: '8083', MYSQL_PORT: '3306', MYSQL_DATABASE: 'booking', MYSQL_USER: 'catalog', MYSQL_PASSWORD: 'pw' }));
    expect(settings).toMatchObject({
      apiUrl: 'http://127.0.0.1:18080',
      kafkaBroker: '127.0.0.1:19092',
      connectUrl: 'http://127.0.0.1:8083',
      cdcTopic: 'cdc.mysql.booking.hotels',
      mysql: { host: '127.0.0.1', port: 3306, user: 'catalog', password: 'pw' },
      sagaMysql: {
        inventory: { host: '127.0.0.1', port: 3306, user: 'inventory', database: 'inventory' },
        payment: { user: 'payments', database: 'payments' },
        booking: { user: 'bookings', database: 'bookings' },
      },
    });
  });

  it('makes tokens the standard analyzer keeps whole', () => {
    expect(uniqueToken(() => 0.5, 1_700_000_000_000)).toMatch(/^smoke[a-z0-9]+$/);
    expect(uniqueToken()).not.toBe(uniqueToken());
  });
});

describe('summarize', () => {
  it('gives nearest-rank median and p95', () => {
    const samples = Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
    expect(summarize(samples)).toEqual({ runs: 20, min: 100, median: 1000, p95: 1900, p99: 2000, max: 2000 });
    expect(() => summarize([])).toThrow();
  });
});

describe('sameHotel', () => {
  it('compares name and city without case', () => {
    expect(sameHotel({ name: 'Fjord Cabins', city: 'Bergen', stars: 3 }, { name: 'fjord cabins', city: 'BERGEN', stars: 1 })).toBe(true);
  });
});
