/**
 * What a participant's saga consumer reads from its environment: the broker, its
 * consumer group (`<service>-<engine>`), the topic of its commands and the saga's
 * dead-letter topic. Compose passes the names the typed config derives
 * (scripts/lib/config/saga-config.ts); none has a default here, so a service never
 * invents a name. Plus the service's own timings, each with a default.
 */
import { envReader, type Env } from '../env-reader.ts';
import { readKafkaSasl, type KafkaSasl } from '../../kit/kafka/sasl-config.ts';

export interface SagaConsumerConfig {
  kafkaBrokers: string[];
  /** The Kafka login, where the broker asks for one (Kubernetes); none in compose. */
  kafkaSasl?: KafkaSasl;
  consumerGroup: string;
  commandsTopic: string;
  dlqTopic: string;
  /** Named durations in ms (HOLD_TTL_MS, ...): each service asks for its own. */
  timings: Record<string, number>;
}

export interface TimingSpec {
  variable: string;
  defaultMs: number;
  minMs: number;
  maxMs: number;
}

export function loadSagaConsumerConfig(env: Env, commandsTopicVariable: string, timings: TimingSpec[] = []): SagaConsumerConfig {
  const read = envReader(env);
  const config: SagaConsumerConfig = {
    kafkaBrokers: read.list('KAFKA_BROKERS', 'kafka:29092'),
    consumerGroup: read.string('CONSUMER_GROUP'),
    commandsTopic: read.string(commandsTopicVariable),
    dlqTopic: read.string('SAGA_DLQ_TOPIC'),
    timings: Object.fromEntries(timings.map((t) => [t.variable, read.int(t.variable, t.defaultMs, { min: t.minMs, max: t.maxMs })])),
  };
  const kafkaSasl = readKafkaSasl(env, read);
  if (kafkaSasl) config.kafkaSasl = kafkaSasl;
  read.done();
  return config;
}
