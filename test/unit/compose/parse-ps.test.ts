import { describe, expect, it } from 'vitest';
import { parseLabels, parsePs, type ContainerState } from '../../../scripts/lib/compose/parse-ps.ts';
import { allReady, assessStack, CONFIG_HASH_LABEL, orderServices, publishedPorts, servicesOnOlderImages, staleServices } from '../../../scripts/lib/compose/service-readiness.ts';

const mysql = {
  Command: '"docker-entrypoint.s…"',
  ExitCode: 0,
  Health: 'healthy',
  Labels: 'com.docker.compose.project=booking,com.docker.compose.service=mysql,com.docker.compose.oneoff=False,com.docker.compose.project.config_files=/w/compose/compose.yaml,/w/compose/extra.yaml',
  Name: 'booking-mysql-1',
  Project: 'booking',
  Publishers: [{ URL: '127.0.0.1', TargetPort: 3306, PublishedPort: 3306, Protocol: 'tcp' }],
  Service: 'mysql',
  State: 'running',
  Status: 'Up 2 minutes (healthy)',
};
const init = { ...mysql, Name: 'booking-kafka-init-1', Labels: 'com.docker.compose.service=kafka-init,com.docker.compose.project=booking', Service: 'kafka-init', State: 'exited', Health: '', ExitCode: 0, Publishers: null };

describe('parsePs', () => {
  it('reads one JSON object per line (Compose 2.26)', () => {
    const containers = parsePs(`${JSON.stringify(mysql)}\n${JSON.stringify(init)}\n`);
    expect(containers).toHaveLength(2);
    expect(containers[0]).toMatchObject({ name: 'booking-mysql-1', service: 'mysql', project: 'booking', state: 'running', health: 'healthy', oneOff: false });
    expect(containers[0]!.publishers).toEqual([{ url: '127.0.0.1', targetPort: 3306, publishedPort: 3306, protocol: 'tcp' }]);
    expect(containers[1]).toMatchObject({ service: 'kafka-init', state: 'exited', exitCode: 0, publishers: [] });
  });

  it('reads a JSON array (other Compose releases) and empty output', () => {
    expect(parsePs(JSON.stringify([mysql, init])).map((c) => c.service)).toEqual(['mysql', 'kafka-init']);
    expect(parsePs('')).toEqual([]);
    expect(parsePs('[]')).toEqual([]);
  });

  it('splits labels only before a key, keeping commas inside values', () => {
    expect(parseLabels(mysql.Labels)['com.docker.compose.project.config_files']).toBe('/w/compose/compose.yaml,/w/compose/extra.yaml');
  });
});

describe('assessStack', () => {
  const container = (service: string, state: string, health = '', exitCode = 0, oneOff = false) =>
    ({ name: `booking-${service}-1`, service, project: 'booking', state, health, exitCode, oneOff, status: '', publishers: [], labels: {} });

  it('counts a one-shot that exited 0 as ready, and a long-running healthy service', () => {
    const reports = assessStack(['mysql', 'kafka-init'], [container('mysql', 'running', 'healthy'), container('kafka-init', 'exited')]);
    expect(reports.map((r) => [r.service, r.readiness, r.detail])).toEqual([
      ['mysql', 'ready', 'healthy'],
      ['kafka-init', 'ready', 'completed'],
    ]);
    expect(allReady(reports)).toBe(true);
  });

  it('reports failed, starting and missing services', () => {
    const reports = assessStack(
      ['elasticsearch', 'kafka-init', 'connect', 'haproxy', 'kafka'],
      [container('elasticsearch', 'exited', '', 78), container('kafka-init', 'exited', '', 1), container('connect', 'running', 'starting'), container('kafka', 'running', 'unhealthy')],
    );
    expect(reports.map((r) => `${r.service}:${r.readiness}:${r.detail}`)).toEqual([
      'elasticsearch:failed:exited (78)',
      'kafka-init:failed:exited (1)',
      'connect:starting:health: starting',
      'haproxy:missing:not created',
      'kafka:failed:unhealthy',
    ]);
    expect(allReady(reports)).toBe(false);
  });

  it('ignores `compose run` one-off containers', () => {
    expect(assessStack(['mysql'], [container('mysql', 'exited', '', 1, true)])[0]!.readiness).toBe('missing');
  });

  it('maps published host ports to containers and orders services for display', () => {
    expect(publishedPorts(parsePs(JSON.stringify(mysql)))).toEqual(new Map([[3306, 'booking-mysql-1']]));
    expect(orderServices(['search-indexer', 'zeta', 'mysql', 'haproxy'])).toEqual(['haproxy', 'mysql', 'search-indexer', 'zeta']);
  });
});

describe('staleServices', () => {
  const created = (service: string, hash: string | undefined, oneOff = false): ContainerState => ({
    name: `booking-${service}-1`, service, project: 'booking', state: 'running', health: 'healthy', exitCode: 0, oneOff, status: '', publishers: [],
    labels: hash === undefined ? {} : ({ [CONFIG_HASH_LABEL]: hash } as Record<string, string>),
  });
  const expected = new Map([['kafka', 'k2'], ['mysql', 'm1'], ['search-indexer', 's2']]);

  it('names the services whose containers were created from another configuration', () => {
    expect(staleServices(expected, [created('search-indexer', 's1'), created('mysql', 'm1'), created('kafka', 'k1')])).toEqual(['kafka', 'search-indexer']);
  });

  it('is empty when every container matches, ignoring one-off containers and unknown services', () => {
    expect(staleServices(expected, [created('mysql', 'm1'), created('kafka', 'old', true), created('legacy', 'x')])).toEqual([]);
  });

  it('counts a container without the label as stale (not created by this Compose configuration)', () => {
    expect(staleServices(expected, [created('mysql', undefined)])).toEqual(['mysql']);
  });
});

describe('servicesOnOlderImages', () => {
  // Docker shows a container's image by name while the name still points to it, by ID once the tag moved on.
  const onImage = (service: string, image: string, imageId: string | undefined, oneOff = false): ContainerState => ({
    name: `booking-${service}-1`, service, project: 'booking', state: 'running', image, health: 'healthy', exitCode: 0, oneOff, status: '', publishers: [],
    labels: imageId === undefined ? {} : { 'com.docker.compose.image': imageId },
  });

  it('names the services whose image lost its name to a newer build', () => {
    const containers = [
      onImage('catalog-api-1', 'sha256:old', 'sha256:old'),
      onImage('search-indexer', 'sha256:old', 'sha256:old'),
      onImage('web', 'booking-devstack/web:dev', 'sha256:web'),
      onImage('kafka', 'apache/kafka:4.1.1', 'sha256:kafka'),
    ];
    expect(servicesOnOlderImages(containers)).toEqual(['catalog-api-1', 'search-indexer']);
  });

  it('leaves alone one-off containers and containers without the label', () => {
    expect(servicesOnOlderImages([onImage('db-setup', 'sha256:old', 'sha256:old', true), onImage('catalog-api-2', 'sha256:x', undefined)])).toEqual([]);
  });
});
