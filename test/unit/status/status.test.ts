import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { CONFIG_HASH_LABEL } from '../../../scripts/lib/compose/service-readiness.ts';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { connectorStates } from '../../../scripts/lib/status/connector-states.ts';
import { renderStatus } from '../../../scripts/lib/status/render-status.ts';
import { stackVerdict, statusModel } from '../../../scripts/lib/status/status-model.ts';
import { createOutput } from '../../../scripts/lib/ui/output.ts';

const stack = stackConfigOf({ HTTP_PORT: '18080', HTTPS_PORT: '18443', STATS_PORT: '18404', MYSQL_PORT: '13306', KAFKA_PORT: '19092', CONNECT_PORT: '18083', ELASTICSEARCH_PORT: '19200', MYSQL_DATABASE: 'booking' });
const container = (service: string, state: string, health: string, hash: string): ContainerState => ({
  name: `booking-${service}-1`, service, project: 'booking', state, health, exitCode: 0, oneOff: false, status: `Up (${health})`, publishers: [], labels: { [CONFIG_HASH_LABEL]: hash },
});
const plain = createOutput({ stream: { isTTY: false, write: () => true }, env: {} });

describe('statusModel (what status --json prints)', () => {
  const hashes = new Map([['mysql', 'm1'], ['haproxy', 'h1'], ['elasticsearch', 'e1']]);
  const containers = [container('mysql', 'running', 'healthy', 'm-old'), container('haproxy', 'running', 'healthy', 'h1')];
  const model = statusModel({ hashes, containers, connectors: [], stack });

  it('lists every service in start order with readiness, URL and whether its configuration changed', () => {
    expect(model.services.map(({ service, readiness, detail, configChanged, url }) => ({ service, readiness, detail, configChanged, url }))).toEqual([
      { service: 'haproxy', readiness: 'ready', detail: 'healthy', configChanged: false, url: 'http://127.0.0.1:18080/ and https://127.0.0.1:18443/  (stats, /metrics: http://127.0.0.1:18404/)' },
      { service: 'mysql', readiness: 'ready', detail: 'healthy', configChanged: true, url: 'mysql://127.0.0.1:13306/booking' },
      { service: 'elasticsearch', readiness: 'missing', detail: 'not created', configChanged: false, url: 'http://127.0.0.1:19200/' },
    ]);
  });

  it('keeps the JSON shape scripts read: services with their containers, then connectors', () => {
    expect(Object.keys(model)).toEqual(['profile', 'services', 'off', 'connectors']);
    expect(Object.keys(model.services[0]!)).toEqual(['service', 'readiness', 'detail', 'configChanged', 'url', 'containers']);
    expect(model.services[1]!.containers).toEqual([{ name: 'booking-mysql-1', state: 'running', health: 'healthy', exitCode: 0, status: 'Up (healthy)' }]);
  });

  it('renders the table, the changed-configuration note and the connectors', () => {
    const connectors = [{ name: 'catalog-cdc-mysql', connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED', worker_id: 'w' }] }];
    const lines = renderStatus({ ...model, connectors }, plain).join('\n').split('\n');
    expect(lines).toContain('mysql          healthy (config changed)  mysql://127.0.0.1:13306/booking');
    expect(lines).toContain('.env or compose.yaml changed since mysql was created: npm run up recreates it');
    expect(lines.slice(-4)).toEqual(['connector          part       state', '-----------------  ---------  -------', 'catalog-cdc-mysql  connector  RUNNING', 'catalog-cdc-mysql  task 0     FAILED']);
  });

  it('says when no connector is registered, and when Connect cannot be asked', () => {
    expect(renderStatus(model, plain).at(-1)).toBe('connectors: none registered (npm run up registers it)');
    expect(renderStatus({ ...model, connectors: { error: 'connect ECONNREFUSED' } }, plain).at(-1)).toBe('connectors: Kafka Connect not reachable (connect ECONNREFUSED)');
  });
});

describe('connectorStates', () => {
  it('keeps the first line of a failed task trace and turns an unreachable Connect into a state', async () => {
    const status = { name: 'c', connector: { state: 'RUNNING', worker_id: 'w' }, tasks: [{ id: 0, state: 'FAILED', worker_id: 'w', trace: 'org.apache.kafka.ConnectException: boom\n\tat x' }] };
    const list = async () => ({ status: 200, body: { c: { status } }, text: '' });
    expect(await connectorStates({ list })).toEqual([{ name: 'c', connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'FAILED', trace: 'org.apache.kafka.ConnectException: boom' }] }]);
    expect(await connectorStates({ list: async () => ({ status: 503, body: undefined, text: '' }) })).toEqual({ error: 'GET /connectors answered 503' });
    expect(await connectorStates({ list: () => Promise.reject(new Error('fetch failed', { cause: { code: 'ECONNREFUSED' } })) })).toEqual({ error: 'fetch failed: ECONNREFUSED' });
  });
});

describe('stackVerdict (status --check and the JSON `healthy`)', () => {
  const allHashes = new Map([['haproxy', 'h1'], ['search-indexer', 's1']]);
  const running = [container('haproxy', 'running', 'healthy', 'h1'), container('search-indexer', 'running', 'healthy', 's1')];
  const connectors = [{ name: 'catalog-cdc-mysql', connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w' }] }];

  it('is healthy when every service is ready and the connector and its tasks run', () => {
    expect(stackVerdict(statusModel({ hashes: allHashes, containers: running, connectors, stack }))).toEqual({ healthy: true, problems: [] });
  });

  it('names a service an interrupted up left created, not started, and a task that is not RUNNING', () => {
    const created = [running[0]!, container('search-indexer', 'created', '', 's1')];
    const failedTask = [{ ...connectors[0]!, tasks: [{ id: 0, state: 'FAILED', worker_id: 'w' }] }];
    const model = statusModel({ hashes: allHashes, containers: created, connectors: failedTask, stack });
    expect(stackVerdict(model)).toEqual({ healthy: false, problems: ['search-indexer created, not started', 'connector catalog-cdc-mysql task 0 FAILED'] });
    expect(renderStatus(model, plain).join('\n')).toMatch(/search-indexer +created, not started/);
  });

  it('is not healthy without a connector, or when Connect cannot be asked', () => {
    expect(stackVerdict(statusModel({ hashes: allHashes, containers: running, connectors: [], stack })).problems).toEqual(['no connector registered']);
    expect(stackVerdict(statusModel({ hashes: allHashes, containers: running, connectors: { error: 'ECONNREFUSED' }, stack })).problems).toEqual(['Kafka Connect not reachable (ECONNREFUSED)']);
  });
});

describe('status on a smaller profile', () => {
  const core = stackConfigOf({ HTTP_PORT: '18080', MYSQL_DATABASE: 'booking' }, 'core');
  const hashes = new Map([['haproxy', 'h1'], ['mysql', 'm1']]);
  const containers = [container('haproxy', 'running', 'healthy', 'h1'), container('mysql', 'running', 'healthy', 'm1')];
  const model = statusModel({ hashes, containers, connectors: { off: 'not in profile core' }, stack: core });

  it('lists what the profile leaves out and why, and counts none of it as a problem', () => {
    expect(model.profile).toBe('core');
    expect(model.off).toContainEqual({ service: 'elasticsearch', reason: 'not in profile core' });
    expect(model.off.map((o) => o.service)).toEqual(['kafka', 'kafka-init', 'connect', 'elasticsearch', 'search-indexer', 'inventory', 'payment', 'booking', 'object-store', 'object-store-init', 'images']);
    expect(model.searchOff).toBe('not in profile core');
    expect(stackVerdict(model)).toEqual({ healthy: true, problems: [] });
  });

  it('shows each of them as "off: not in profile core", and Connect and search as off', () => {
    const text = renderStatus(model, plain).join('\n');
    expect(text.split('\n')[0]).toBe('profile core (npm run up -- --profile full starts the 11 service(s) it leaves out)');
    expect(text).toMatch(/\nconnect +off: not in profile core +-/);
    expect(text).toContain('connectors: off: Connect is not in profile core');
    expect(text).toContain('search: off: Elasticsearch is not in profile core');
  });

  it('names a container of a left-out service that an up cut short left running', () => {
    const left = statusModel({ hashes, containers: [...containers, container('kafka', 'running', 'healthy', 'k1')], connectors: { off: 'not in profile core' }, stack: core });
    expect(left.off.find((o) => o.service === 'kafka')!.reason).toBe('not in profile core, yet its container is running: npm run up removes it');
  });

  it('still names a service of the profile that is not up', () => {
    const down = statusModel({ hashes, containers: containers.slice(0, 1), connectors: { off: 'not in profile core' }, stack: core });
    expect(stackVerdict(down).problems).toEqual(['mysql not created']);
  });
});
