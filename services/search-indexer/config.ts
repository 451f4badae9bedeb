import { envReader, type Env } from '../kit/env-reader.ts';
import { readKafkaSasl, type KafkaSasl } from '../kit/kafka/sasl-config.ts';
import { parseLogLevel, type LogLevel } from '../kit/logger.ts';

export interface SearchIndexerConfig {
  serviceName: string;
  logLevel: LogLevel;
  kafkaBrokers: string[];
  cdcTopic: string;
  dlqTopic: string;
  consumerGroup: string;
  elasticsearchUrl: string;
  searchIndex: string;
  healthPort: number;
  /** Upper bound of actions in one bulk request (a Kafka batch can be larger). */
  bulkMaxActions: number;
  /** The index's refresh_interval: how soon an indexed change becomes searchable. */
  refreshInterval: string;
  /**
   * Kafka login: none in compose (one machine, one developer), SCRAM-SHA-512 on Kubernetes, where
   * the broker authenticates every client and allows each only its own topics (k8s/README.md).
   */
  kafkaSasl?: KafkaSasl;
  /** Date search's pipeline (issue 21): the inventory's change topics, its consumer group and index alias. */
  availability: { roomTypesTopic: string; roomNightsTopic: string; consumerGroup: string; index: string };
}

/** Elasticsearch time values the index accepts as a refresh interval (not -1: search would never update). */
export const REFRESH_INTERVAL = /^[1-9]\d*(ms|s)$/;
/** The index refresh interval when SEARCH_REFRESH_INTERVAL is unset; `npm run reindex` restores it after its backfill. */
export const DEFAULT_REFRESH_INTERVAL = '250ms';

export function loadSearchIndexerConfig(env: Env): SearchIndexerConfig {
  const read = envReader(env);
  const config: SearchIndexerConfig = {
    serviceName: read.string('SERVICE_NAME', 'search-indexer'),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    kafkaBrokers: read.list('KAFKA_BROKERS', 'kafka:29092'),
    // Names without defaults: the orchestrator's typed config derives them (compose.yaml passes them).
    cdcTopic: read.string('CDC_TOPIC'),
    dlqTopic: read.string('DLQ_TOPIC'),
    consumerGroup: read.string('CONSUMER_GROUP'),
    elasticsearchUrl: read.string('ELASTICSEARCH_URL', 'http://elasticsearch:9200'),
    searchIndex: read.string('SEARCH_INDEX'),
    healthPort: read.int('HEALTH_PORT', 3001, { min: 1, max: 65535 }),
    bulkMaxActions: read.int('BULK_MAX_ACTIONS', 500, { min: 1, max: 10_000 }),
    refreshInterval: read.matching('SEARCH_REFRESH_INTERVAL', DEFAULT_REFRESH_INTERVAL, REFRESH_INTERVAL, `a time like ${DEFAULT_REFRESH_INTERVAL} or 1s`),
    availability: {
      roomTypesTopic: read.string('ROOM_TYPES_TOPIC'),
      roomNightsTopic: read.string('ROOM_NIGHTS_TOPIC'),
      consumerGroup: read.string('AVAILABILITY_CONSUMER_GROUP'),
      index: read.string('AVAILABILITY_INDEX'),
    },
  };
  const kafkaSasl = readKafkaSasl(env, read);
  if (kafkaSasl) config.kafkaSasl = kafkaSasl;
  read.done();
  return config;
}
