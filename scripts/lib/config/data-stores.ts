/**
 * Where the stack keeps its state: each Compose volume that holds data, the service that
 * writes it, and the versions that decide whether a copy of it can be read again. A
 * whole-stack snapshot (scripts/lib/snapshot/) saves exactly these volumes; every other
 * piece of state lives in one of them: Connect's offsets, configs and status are Kafka
 * topics, the consumer groups' offsets are Kafka's, and every service database (catalog,
 * booking, inventory, payment) is a schema of the one database server.
 * The names are compose.yaml's (its `volumes:` and services); Compose prefixes them with
 * the project when it creates them, and `docker compose config` says the result.
 */
import type { DbEngine } from './stack-config.ts';

export interface DataStore {
  /** The volume's key in compose.yaml. */
  volume: string;
  /** The compose.yaml service that mounts and writes it. */
  service: string;
  /** What it holds, for the user. */
  holds: string;
}

export function dataStoresOf(engine: DbEngine): DataStore[] {
  return [
    // One volume per engine (compose.yaml): the other engine's stays as it is.
    { volume: `${engine}-data`, service: 'mysql', holds: `every service database (${engine})` },
    { volume: 'kafka-data', service: 'kafka', holds: "Kafka's topics: change events, consumer group offsets, Connect's offsets, configs and status" },
    { volume: 'elasticsearch-data', service: 'elasticsearch', holds: 'the search indices' },
    { volume: 'object-store-data', service: 'object-store', holds: "the hotel images' bucket" },
  ];
}

/**
 * The services whose release decides the format of what those volumes hold: the stores
 * themselves, and Connect (Debezium's offsets and schema history are its own format,
 * kept in Kafka's topics). Their images must be the same to read a copy back.
 */
export function dataFormatServices(engine: DbEngine): string[] {
  return [...dataStoresOf(engine).map((store) => store.service), 'connect'];
}

/**
 * compose/versions.env's pins behind those images (NODE_VERSION and HAPROXY_VERSION hold
 * no data, so a change to them keeps every snapshot usable).
 */
export function dataVersionKeys(engine: DbEngine): string[] {
  return [engine === 'mariadb' ? 'MARIADB_VERSION' : 'MYSQL_VERSION', 'KAFKA_VERSION', 'DEBEZIUM_VERSION', 'ELASTICSEARCH_VERSION', 'S3PROXY_VERSION'];
}
