import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { shapeConnector } from '../../../scripts/lib/console/connector-panel.ts';
import { consoleGroupId } from '../../../scripts/lib/console/kafka-reader.ts';
import { appendSample, lagSample, messagesIn } from '../../../scripts/lib/console/lag-history.ts';
import { coalesce, panel } from '../../../scripts/lib/console/panel.ts';
import { shapeServices, versionOf } from '../../../scripts/lib/console/services-panel.ts';

const container = (service: string, state: string, health: string, exitCode = 0): ContainerState => ({
  name: `booking-${service}-1`, service, project: 'booking', state, health, exitCode, oneOff: false, status: '', publishers: [], labels: {},
});

describe('services panel', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it("joins ps (status's reading) with inspect: restarts, uptime, image and version", () => {
    const rows = shapeServices(
      ['haproxy', 'search-indexer', 'connect'],
      [container('haproxy', 'running', 'healthy'), container('search-indexer', 'exited', '', 137)],
      [
        { Name: '/booking-haproxy-1', RestartCount: 2, State: { Running: true, StartedAt: '2026-01-01T11:58:20Z' }, Config: { Image: 'haproxy:3.2', Labels: {} } },
        { Name: '/booking-search-indexer-1', RestartCount: 0, State: { Running: false, StartedAt: '2026-01-01T11:00:00Z' }, Config: { Image: 'booking-devstack/services:dev', Labels: { 'org.opencontainers.image.version': '1.4.0' } } },
      ],
      now,
    );
    expect(rows).toEqual([
      { service: 'haproxy', readiness: 'ready', state: 'healthy', container: 'booking-haproxy-1', restarts: 2, uptimeSeconds: 100, image: 'haproxy:3.2', version: '3.2' },
      { service: 'search-indexer', readiness: 'failed', state: 'exited (137)', container: 'booking-search-indexer-1', restarts: 0, uptimeSeconds: null, image: 'booking-devstack/services:dev', version: '1.4.0' },
      { service: 'connect', readiness: 'missing', state: 'not created', container: null, restarts: null, uptimeSeconds: null, image: null, version: null },
    ]);
  });

  it('takes the version from the tag, never from a registry port', () => {
    expect(versionOf('localhost:5000/haproxy', {})).toBeNull();
    expect(versionOf('quay.io/debezium/connect:3.5.0.Final', {})).toBe('3.5.0.Final');
  });
});

describe('connector panel', () => {
  it('shapes a FAILED task with its trace, and an unregistered connector', () => {
    const view = shapeConnector('c', 200, { name: 'c', connector: { state: 'RUNNING', worker_id: 'w' }, tasks: [{ id: 0, state: 'FAILED', worker_id: 'w', trace: 'java.sql.SQLException: Access denied' }] });
    expect(view).toEqual({ name: 'c', registered: true, state: 'RUNNING', trace: null, tasks: [{ id: 0, state: 'FAILED', worker: 'w', trace: 'java.sql.SQLException: Access denied' }] });
    expect(shapeConnector('c', 404, undefined)).toMatchObject({ registered: false, state: 'not registered (npm run up registers it)', tasks: [] });
  });
});

describe('lag history', () => {
  const marks = (high: number[]) => high.map((h, partition) => ({ partition, high: String(h), low: '0' }));
  const committed = (offsets: number[]) => offsets.map((offset, partition) => ({ partition, offset: String(offset) }));

  it('computes lag per partition as the indexer does, a never-committed partition from its start', () => {
    const sample = lagSample(1_000, marks([10, 5]), [{ partition: 0, offset: '7' }]);
    expect(sample.partitions).toEqual([
      { partition: 0, high: 10, committed: 7, lag: 3 },
      { partition: 1, high: 5, committed: null, lag: 5 },
    ]);
    expect(sample.total).toBe(8);
  });

  it('keeps the samples of the window', () => {
    let history = appendSample([], lagSample(0, marks([10, 10]), committed([0, 0])), 60_000);
    history = appendSample(history, lagSample(30_000, marks([40, 40]), committed([20, 10])), 60_000);
    history = appendSample(history, lagSample(60_000, marks([40, 40]), committed([40, 20])), 60_000);
    expect(history.map((s) => s.at)).toEqual([30_000, 60_000]);
  });

  it('counts the messages a topic holds (dead letters)', () => {
    expect(messagesIn([{ partition: 0, high: '12', low: '2' }, { partition: 1, high: '3', low: '3' }])).toBe(10);
  });
});

describe("the console's Kafka reader", () => {
  it('reads in a throwaway group of its own, never the indexer\'s', () => {
    expect(consoleGroupId('search-indexer', 'u1')).toBe('booking-console-u1');
    expect(() => consoleGroupId('booking-console-u1', 'u1')).toThrow("refusing to read as the indexer's group");
  });
});

describe('panel', () => {
  it('says what it cannot reach instead of throwing', async () => {
    const now = () => Date.parse('2026-01-01T00:00:00Z');
    expect(await panel('Kafka Connect at http://127.0.0.1:8083', async () => 1, now)).toEqual({ ok: true, at: '2026-01-01T00:00:00.000Z', data: 1 });
    expect(await panel('Kafka Connect at http://127.0.0.1:8083', async () => Promise.reject(new Error('connect ECONNREFUSED')), now)).toEqual({
      ok: false, at: '2026-01-01T00:00:00.000Z', unreachable: 'Kafka Connect at http://127.0.0.1:8083: connect ECONNREFUSED',
    });
  });

  it('shares one call in flight between concurrent readers', async () => {
    let calls = 0;
    let release!: () => void;
    const read = coalesce(() => new Promise<number>((done) => { calls++; release = () => done(calls); }));
    const both = Promise.all([read(), read()]);
    release();
    expect(await both).toEqual([1, 1]);
    const next = read();
    release();
    expect(await next).toBe(2);
  });
});
