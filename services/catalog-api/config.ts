import { envReader, type Env } from '../kit/env-reader.ts';
import { parseLogLevel, type LogLevel } from '../kit/logger.ts';
import { readMysqlAccount, type MysqlAccount } from '../kit/mysql-pool.ts';

export interface CatalogApiConfig {
  serviceName: string;
  port: number;
  logLevel: LogLevel;
  mysql: MysqlAccount;
  elasticsearchUrl: string;
  searchIndex: string;
  /** Date search's index alias (issue 21): rooms free per night, written by the search-indexer. */
  availabilityIndex: string;
  /** Allowed browser origins; `*` lets any origin read, never write (see cors.ts). */
  corsOrigins: string[];
  bodyLimitBytes: number;
  /** How long in-flight requests may take to finish after SIGTERM. */
  drainTimeoutMs: number;
  /**
   * Empty, or why search is off: the stack's profile leaves Elasticsearch out (the
   * orchestrator's profiles-config.ts writes the text). Searches then answer 503 with it.
   */
  searchOffReason: string;
}

/** HAProxy refuses an announced body over this same number (haproxy/haproxy.cfg). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** After SIGTERM: in-flight requests get this long; k8s/ sizes the pod's grace period from it. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 7_000;
/** The process exits at the latest this long after the drain timeout (pool and client closing). */
export const SHUTDOWN_DEADLINE_MARGIN_MS = 2_000;

export function loadCatalogApiConfig(env: Env): CatalogApiConfig {
  const read = envReader(env);
  const config: CatalogApiConfig = {
    serviceName: read.string('SERVICE_NAME', 'catalog-api'),
    port: read.int('PORT', 3000, { min: 1, max: 65535 }),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    mysql: readMysqlAccount(read),
    elasticsearchUrl: read.string('ELASTICSEARCH_URL', 'http://elasticsearch:9200'),
    // No default: the orchestrator's typed config names the index (compose.yaml passes it).
    searchIndex: read.string('SEARCH_INDEX'),
    availabilityIndex: read.string('AVAILABILITY_INDEX'),
    // No default on purpose: which origins may call the API is a decision, not an accident.
    corsOrigins: read.list('CORS_ORIGINS'),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', DEFAULT_BODY_LIMIT_BYTES, { min: 1024, max: 64 * 1024 * 1024 }),
    drainTimeoutMs: read.int('DRAIN_TIMEOUT_MS', DEFAULT_DRAIN_TIMEOUT_MS, { min: 0, max: 60_000 }),
    searchOffReason: read.string('SEARCH_OFF_REASON', ''),
  };
  read.done();
  return config;
}
