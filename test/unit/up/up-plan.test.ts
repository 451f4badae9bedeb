import { describe, expect, it } from 'vitest';
import type { ServiceReport } from '../../../scripts/lib/compose/service-readiness.ts';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { connectorLine, decideStart, offRows, servicesLeftOut, summaryRows } from '../../../scripts/lib/up/up-plan.ts';
import { localBuildsOf, type PlannedBuild } from '../../../scripts/lib/build/local-builds.ts';

const report = (service: string, readiness: ServiceReport['readiness']): ServiceReport => ({ service, readiness, detail: readiness, containers: [] });
const healthy = [report('mysql', 'ready'), report('kafka', 'ready')];

describe('decideStart', () => {
  const build: PlannedBuild = { build: localBuildsOf('booking')[0]!, fingerprint: 'f1', reason: 'sources changed' };

  it('leaves a healthy, current stack alone: the quick no-op up', () => {
    expect(decideStart(healthy, [], [])).toEqual({ start: false });
  });

  it('starts when a service is not ready, and recreates what a changed .env or compose.yaml changes, saying so', () => {
    expect(decideStart([report('mysql', 'ready'), report('kafka', 'starting')], [], [])).toEqual({ start: true, builds: [], notes: [] });
    expect(decideStart(healthy, ['mysql'], [])).toEqual({ start: true, builds: [], notes: ['configuration changed for mysql: Compose recreates it'] });
    expect(decideStart(healthy, ['mysql', 'kafka'], [])).toEqual({ start: true, builds: [], notes: ['configuration changed for mysql, kafka: Compose recreates them'] });
  });

  it('builds and starts even a healthy stack when a local image is due (edited sources, or --build)', () => {
    expect(decideStart(healthy, [], [build])).toEqual({ start: true, builds: [build], notes: [] });
  });

  it('recreates services running an older build of a local image, even on a healthy stack', () => {
    expect(decideStart(healthy, [], [], ['catalog-api-1', 'web'])).toEqual({ start: true, builds: [], notes: ['catalog-api-1, web run an older build of the local image: Compose recreates them'] });
  });
});

describe("up's closing lines", () => {
  const stack = stackConfigOf({ HTTP_PORT: '8080', STATS_PORT: '8404', MYSQL_PORT: '3306', KAFKA_PORT: '9092', CONNECT_PORT: '8083', ELASTICSEARCH_PORT: '9200', MYSQL_DATABASE: 'booking' });

  it('the table says how long each started service took, "already up" for the rest, "-" for what never came up', () => {
    const rows = summaryRows({ services: ['mysql', 'kafka', 'connect'], stack, before: [report('mysql', 'ready'), report('kafka', 'missing'), report('connect', 'missing')], readyAfter: new Map([['kafka', 4200]]) });
    expect(rows).toEqual([
      ['mysql', 'mysql://127.0.0.1:3306/booking', 'already up'],
      ['kafka', '127.0.0.1:9092', '4.2 s'],
      ['connect', 'http://127.0.0.1:8083/connectors', '-'],
    ]);
  });

  it('the connector line names its state and each task', () => {
    expect(connectorLine({ name: 'catalog-cdc-mysql', connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w' }] }, 1500)).toBe('connector catalog-cdc-mysql: RUNNING, tasks 0=RUNNING (1.5 s)');
  });
});

describe('what a profile leaves out', () => {
  const container = (service: string) => ({ name: `booking-${service}-1`, service, project: 'booking', state: 'running', health: 'healthy', exitCode: 0, oneOff: false, status: 'Up', publishers: [], labels: {} });
  const core = stackConfigOf({}, 'core');

  it('removes the containers of left-out services an earlier, bigger profile started, each service once', () => {
    const containers = ['haproxy', 'elasticsearch', 'kafka', 'catalog-api-1', 'booking', 'kafka'].map(container);
    expect(servicesLeftOut(containers, core.profile.off)).toEqual(['kafka', 'elasticsearch', 'booking']);
    expect(servicesLeftOut(containers, stackConfigOf({}).profile.off)).toEqual([]);
  });

  it('closes the table with them as off', () => {
    expect(offRows(core.profile.off)[0]).toEqual(['kafka', 'off: not in profile core', '-']);
    expect(offRows(stackConfigOf({}).profile.off)).toEqual([]);
  });
});
