/**
 * The booking service's settings from its environment (compose.yaml passes the names the
 * typed config derives: database, account, topics, consumer group). Every problem is
 * reported at once (kit/env-reader.ts).
 */
import { envReader, type Env } from '../kit/env-reader.ts';
import { readKafkaSasl, type KafkaSasl } from '../kit/kafka/sasl-config.ts';
import { parseLogLevel, type LogLevel } from '../kit/logger.ts';
import { readMysqlAccount, type MysqlAccount } from '../kit/mysql-pool.ts';
import type { StepTimeouts } from './saga-state.ts';

export interface BookingConfig {
  serviceName: string;
  port: number;
  logLevel: LogLevel;
  /** Browser origins allowed to call the API (the stack's page, the dev server, CORS_ORIGINS): the same list catalog-api takes. */
  corsOrigins: string[];
  mysql: MysqlAccount;
  /** HAProxy's internal gRPC frontend (http://haproxy:50051). */
  grpcUrl: string;
  /** The deadline of every Quote and TokenizeCard call. */
  grpcDeadlineMs: number;
  timeouts: StepTimeouts;
  sweepIntervalMs: number;
  /** sasl: the Kafka login, where the broker asks for one (Kubernetes); none in compose. */
  kafka: { brokers: string[]; sasl?: KafkaSasl; groupId: string; replyTopics: string[]; dlqTopic: string };
  drainTimeoutMs: number;
}

export const DEFAULT_STEP_TIMEOUT_MS = 15_000;
/**
 * How long the saga waits for the payment's authorization before voiding it. 10 s: a provider
 * answers in a second or two, but on a laptop every reply crosses the outbox, Debezium and
 * Kafka twice, and under a burst (200 bookings at once, CI16) 3 s cancelled a good card.
 */
export const DEFAULT_AUTHORIZE_TIMEOUT_MS = 10_000;
export const SHUTDOWN_DEADLINE_MARGIN_MS = 2_000;

export function loadBookingConfig(env: Env): BookingConfig {
  const read = envReader(env);
  const config: BookingConfig = {
    serviceName: read.string('SERVICE_NAME', 'booking'),
    port: read.int('PORT', 3000, { min: 1, max: 65535 }),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    corsOrigins: read.list('CORS_ORIGINS'),
    mysql: readMysqlAccount(read),
    grpcUrl: read.string('GRPC_URL', 'http://haproxy:50051'),
    grpcDeadlineMs: read.int('GRPC_DEADLINE_MS', 2_000, { min: 100, max: 60_000 }),
    timeouts: {
      stepMs: read.int('STEP_TIMEOUT_MS', DEFAULT_STEP_TIMEOUT_MS, { min: 100, max: 3_600_000 }),
      authorizeMs: read.int('AUTHORIZE_TIMEOUT_MS', DEFAULT_AUTHORIZE_TIMEOUT_MS, { min: 100, max: 3_600_000 }),
    },
    sweepIntervalMs: read.int('SWEEP_INTERVAL_MS', 1_000, { min: 50, max: 60_000 }),
    kafka: {
      brokers: read.list('KAFKA_BROKERS', 'kafka:29092'),
      groupId: read.string('CONSUMER_GROUP'),
      replyTopics: read.list('REPLY_TOPICS'),
      dlqTopic: read.string('DLQ_TOPIC'),
    },
    drainTimeoutMs: read.int('DRAIN_TIMEOUT_MS', 7_000, { min: 0, max: 60_000 }),
  };
  const kafkaSasl = readKafkaSasl(env, read);
  if (kafkaSasl) config.kafka.sasl = kafkaSasl;
  read.done();
  return config;
}
