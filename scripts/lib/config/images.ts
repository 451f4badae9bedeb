/**
 * The images the configuration resolves to, for when `compose config --images`
 * cannot answer (no compose file yet, or Compose missing). Mirrors compose.yaml's
 * defaults; the doctor only uses this list to find an image already present locally.
 */
import type { Config } from './load-config.ts';

export function fallbackImages(config: Config): string[] {
  const v = config.values;
  const pick = (override: string | undefined, fallback: string) => (override ? override : fallback);
  return [
    pick(v.ELASTICSEARCH_IMAGE, `docker.elastic.co/elasticsearch/elasticsearch:${v.ELASTICSEARCH_VERSION}`),
    pick(v.KAFKA_IMAGE, `apache/kafka:${v.KAFKA_VERSION}`),
    pick(v.CONNECT_IMAGE, `quay.io/debezium/connect:${v.DEBEZIUM_VERSION}`),
    pick(v.DB_IMAGE, v.DB_ENGINE === 'mariadb' ? `mariadb:${v.MARIADB_VERSION}` : `mysql:${v.MYSQL_VERSION}`),
    pick(v.HAPROXY_IMAGE, `haproxy:${v.HAPROXY_VERSION}`),
  ];
}
