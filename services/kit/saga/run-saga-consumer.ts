/**
 * A service's consumer of saga topics on the kit's Kafka loop: kafkajs with autoCommit
 * off, the batch loop (batch-loop.ts) committing a chunk only after handleSagaChunk
 * completed it, and dead letters to the saga's dead-letter topic within its size limit.
 * Connecting and subscribing wait (with backoff) for Kafka and the topics kafka-init
 * creates; a crash of the consumer restarts it. `status` is for the health endpoint.
 */
import kafkajs, { type SASLOptions } from 'kafkajs';
import { createBatchLoop } from '../../kit/kafka/batch-loop.ts';
import { deadLetterLimit, deadLetterProducer, readMaxMessageBytes } from '../../kit/kafka/dead-letter-limit.ts';
import { kafkaLogCreator } from '../../kit/kafka/kafka-log.ts';
import { describeError, type Logger } from '../logger.ts';
import { retryUntilDone, sleep, startupBackoff } from '../retry.ts';
import { handleSagaChunk, type SagaHandler } from './saga-chunk.ts';
import { isTransientSqlError } from './transient-error.ts';

const { Kafka, Partitioners } = kafkajs;

export interface SagaConsumerOptions {
  clientId: string;
  brokers: string[];
  sasl?: SASLOptions;
  groupId: string;
  topics: string[];
  dlqTopic: string;
  handlers: Record<string, SagaHandler>;
  log: Logger;
  /** Messages handed to one chunk (each is its own transaction; the chunk commits at once). */
  maxMessages?: number;
  /** Partitions handled at once (kafkajs partitionsConsumedConcurrently); each stays in order. */
  partitionsAtOnce?: number;
  isTransient?: (error: unknown) => boolean;
}

export interface SagaConsumerStatus {
  consumer: 'starting' | 'running' | 'crashed' | 'stopped';
  deadLetterProducer: 'ok' | 'retrying';
  handled: number;
  deadLettered: number;
  lastError: string | null;
  lastDeadLetterError: string | null;
}

/**
 * Every partition a saga consumer can own at once (the booking service reads two reply topics
 * of 3 partitions each, a participant one): kafkajs' default of one partition at a time made
 * each consumer handle every booking's message behind every other's, one transaction after
 * another, while the database mostly waited on commits. A booking's messages share a key,
 * hence a partition, so they stay in order; two topics' messages for one booking may now be
 * handled at once, which the saga's optimistic version already settles (saga-runner.ts).
 */
export const PARTITIONS_AT_ONCE = 6;

export function createSagaConsumer(options: SagaConsumerOptions) {
  const { log } = options;
  const status: SagaConsumerStatus = { consumer: 'starting', deadLetterProducer: 'ok', handled: 0, deadLettered: 0, lastError: null, lastDeadLetterError: null };
  const stopping = new AbortController();
  const running = () => !stopping.signal.aborted;
  const pause = (ms: number) => sleep(ms, stopping.signal);
  const kafka = new Kafka({ clientId: options.clientId, brokers: options.brokers, logCreator: kafkaLogCreator(log), ...(options.sasl ? { sasl: options.sasl } : {}) });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false, retry: { restartOnFailure: async () => true } });
  const dlqLimit = deadLetterLimit(
    () => readMaxMessageBytes(admin, options.dlqTopic),
    (error, fallback) => log.warn('cannot read max.message.bytes of the dead-letter topic; using the last known limit', { topic: options.dlqTopic, limit: fallback, error }),
  );

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    status.consumer = 'running';
    log.info('joined consumer group', { group: options.groupId, assignment: payload.memberAssignment });
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    status.consumer = payload.restart ? 'starting' : 'crashed';
    status.lastError = describeError(payload.error);
  });
  consumer.on(consumer.events.STOP, () => {
    status.consumer = 'stopped';
  });

  const eachBatch = createBatchLoop({
    maxMessages: options.maxMessages ?? 100,
    sleep: pause,
    process: (messages, retry) =>
      handleSagaChunk(messages, {
        handlers: options.handlers,
        isTransient: options.isTransient ?? isTransientSqlError,
        retry,
        log,
        sendDeadLetters: deadLetterProducer(producer, options.dlqTopic, dlqLimit),
        deadLetterMaxBytes: dlqLimit.get,
        onDeadLetters: (state, error) => {
          status.deadLetterProducer = state;
          if (error) status.lastError = describeError(error);
        },
      }),
    onCompleted: ({ stats }) => {
      status.handled += stats.handled;
      status.deadLettered += stats.deadLettered;
      if (stats.lastDeadLetterReason) status.lastDeadLetterError = stats.lastDeadLetterReason;
    },
  });

  return {
    status,
    /** Resolves once consuming (or when stopped before that); never rejects for an outage. */
    async start(): Promise<void> {
      const connected = await retryUntilDone(
        async () => {
          await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
          // A new group reads from the beginning: the first replies of a saga may predate it.
          await consumer.subscribe({ topics: options.topics, fromBeginning: true });
        },
        {
          shouldContinue: running,
          sleep: pause,
          policy: startupBackoff,
          onFailure: (error, attempt, delayMs) => {
            status.lastError = describeError(error);
            log.warn('connecting to Kafka and subscribing to the saga topics failed, retrying', {
              attempt,
              delayMs,
              topics: options.topics,
              error,
              fix: 'the topics are created by kafka-init (kafka/topics.json); check `npm run logs kafka-init`',
            });
          },
        },
      );
      if (!connected.done) return;
      await dlqLimit.refresh();
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: options.partitionsAtOnce ?? PARTITIONS_AT_ONCE, eachBatch });
      log.info('consuming', { topics: options.topics, group: options.groupId, dlq: options.dlqTopic });
    },
    async stop(): Promise<void> {
      stopping.abort();
      await consumer.disconnect();
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    },
  };
}
