import { describe, expect, it } from 'vitest';
import { planPulls } from '../../../scripts/lib/pull/pull-plan.ts';

// The model `docker compose config --format json` gives for compose/compose.yaml.
const services = {
  haproxy: { image: 'haproxy:3.2' },
  mysql: { image: 'mysql:8.4' },
  kafka: { image: 'apache/kafka:4.1.1' },
  'kafka-init': { image: 'booking-devstack/services:dev', pull_policy: 'never' },
  connect: { image: 'quay.io/debezium/connect:3.5.0.Final' },
  elasticsearch: { image: 'docker.elastic.co/elasticsearch/elasticsearch:8.19.21' },
  'catalog-api-1': { image: 'booking-devstack/services:dev', build: { context: '..' }, pull_policy: 'build' },
  'catalog-api-2': { image: 'booking-devstack/services:dev', pull_policy: 'never' },
  'db-setup': { image: 'booking-devstack/services:dev', pull_policy: 'never' },
};

describe('planPulls', () => {
  it('pulls each official image once, never the services image the repo builds', () => {
    expect(planPulls(services, new Set()).map((t) => `${t.service} ${t.image}`)).toEqual([
      'connect quay.io/debezium/connect:3.5.0.Final',
      'elasticsearch docker.elastic.co/elasticsearch/elasticsearch:8.19.21',
      'haproxy haproxy:3.2',
      'kafka apache/kafka:4.1.1',
      'mysql mysql:8.4',
    ]);
  });

  it('skips what is on this machine, however Docker spells it', () => {
    const present = new Set(['haproxy:3.2', 'mysql:8.4', 'apache/kafka:4.1.1', 'quay.io/debezium/connect:3.5.0.Final']);
    expect(planPulls({ ...services, haproxy: { image: 'docker.io/library/haproxy:3.2' } }, present).map((t) => t.image)).toEqual(['docker.elastic.co/elasticsearch/elasticsearch:8.19.21']);
  });

  it('never pulls an image a variable points at when it is present, and names the variable when it is not', () => {
    const local = { ...services, kafka: { image: 'booking-local/kafka:4.1.1' }, mysql: { image: 'booking-local/mariadb:11.8' } };
    const values = { KAFKA_IMAGE: 'booking-local/kafka:4.1.1', DB_IMAGE: 'booking-local/mariadb:11.8', ELASTICSEARCH_IMAGE: '' };
    const plan = planPulls(local, new Set(['booking-local/mariadb:11.8']), values);
    expect(plan.find((t) => t.image.startsWith('booking-local/mariadb'))).toBeUndefined();
    expect(plan.find((t) => t.image === 'booking-local/kafka:4.1.1')).toEqual({ service: 'kafka', image: 'booking-local/kafka:4.1.1', variable: 'KAFKA_IMAGE' });
    expect(plan.find((t) => t.service === 'elasticsearch')?.variable).toBeUndefined();
  });
});
