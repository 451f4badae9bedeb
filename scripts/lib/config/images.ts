/**
 * The images the configuration resolves to, for when `compose config --images`
 * cannot answer (no compose file yet, or Compose missing). Mirrors compose.yaml's
 * defaults; the doctor only uses this list to find an image already present locally.
 */
import type { Config } from './load-config.ts';

/**
 * The database image is the one choice compose.yaml cannot make itself: it defaults DB_IMAGE
 * to mysql:${MYSQL_VERSION}, and the orchestrator passes mariadb:${MARIADB_VERSION} when
 * DB_ENGINE=mariadb, unless the user (or CI) named an image. Undefined: compose.yaml decides.
 */
export function chosenDatabaseImage(values: Config['values']): string | undefined {
  return values.DB_ENGINE === 'mariadb' && !values.DB_IMAGE ? `mariadb:${values.MARIADB_VERSION ?? ''}` : undefined;
}

export function fallbackImages(config: Config): string[] {
  const v = config.values;
  const pick = (override: string | undefined, fallback: string) => (override ? override : fallback);
  return [
    pick(v.ELASTICSEARCH_IMAGE, `docker.elastic.co/elasticsearch/elasticsearch:${v.ELASTICSEARCH_VERSION}`),
    pick(v.KAFKA_IMAGE, `apache/kafka:${v.KAFKA_VERSION}`),
    pick(v.CONNECT_IMAGE, `quay.io/debezium/connect:${v.DEBEZIUM_VERSION}`),
    chosenDatabaseImage(v) ?? pick(v.DB_IMAGE, `mysql:${v.MYSQL_VERSION}`),
    pick(v.HAPROXY_IMAGE, `haproxy:${v.HAPROXY_VERSION}`),
  ];
}
