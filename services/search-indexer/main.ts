/**
 * search-indexer entry point: `node services/dist/search-indexer/main.js`.
 * Two pipelines (pipeline.ts) on shared clients: the hotels (the catalog's CDC topic →
 * the hotels alias) and date search's availability (the inventory's room types and
 * nights → the availability alias, issue 21). Start order: health endpoint (reports
 * "starting") → Kafka clients → each pipeline's index (waits for Elasticsearch;
 * ensure-index.ts) and consumer. SIGTERM stops the consumers first, which lets the
 * batches in flight finish or abandon them uncommitted, then closes the rest.
 */
import { Client } from '@elastic/elasticsearch';
import kafkajs from 'kafkajs';
import { sleep, startupBackoff, retryUntilDone } from '../kit/retry.ts';
import { deadLetterLimit, readMaxMessageBytes } from '../kit/kafka/dead-letter-limit.ts';
import { loadConfigOrExit } from '../kit/load-config-or-exit.ts';
import { createLogger, describeError } from '../kit/logger.ts';
import { onShutdownSignal } from '../kit/shutdown-signals.ts';
import { availabilityIndexDefinition } from '../lib/availability-document.ts';
import { hotelIndexDefinition } from '../lib/hotel-document.ts';
import { searchIndexNames } from '../lib/search-index-names.ts';
import { availabilityBulkOperations, decodeAvailabilityChange, latestByArrival } from './availability-change.ts';
import { toBulkOperations } from './bulk-plan.ts';
import { loadSearchIndexerConfig } from './config.ts';
import { createHealthServer } from './health-server.ts';
import { hotelChanges } from './index-batch.ts';
import { createPipeline } from './pipeline.ts';
import { kafkaLogCreator } from '../kit/kafka/kafka-log.ts';

const { Kafka, Partitioners } = kafkajs;
const config = loadConfigOrExit(() => loadSearchIndexerConfig(process.env), 'search-indexer');
const log = createLogger({ service: config.serviceName }, { level: config.logLevel });
const stopping = new AbortController();
const pause = (ms: number) => sleep(ms, stopping.signal);

// Our own backoff handles outages; the client's retries would only stack on top of it.
const elastic = new Client({ node: config.elasticsearchUrl, maxRetries: 0, requestTimeout: 30_000 });
const kafka = new Kafka({
  clientId: config.serviceName,
  brokers: config.kafkaBrokers,
  logCreator: kafkaLogCreator(log),
  ...(config.kafkaSasl ? { sasl: config.kafkaSasl } : {}),
});
const admin = kafka.admin();
const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });

const dlqLimit = deadLetterLimit(
  () => readMaxMessageBytes(admin, config.dlqTopic),
  (error, fallback) => log.warn('cannot read max.message.bytes of the dead-letter topic; batches stay within the last known limit', { topic: config.dlqTopic, limit: fallback, error }),
);

const shared = {
  kafka,
  admin,
  producer,
  elastic,
  log,
  dlqTopic: config.dlqTopic,
  dlqLimit,
  bulkMaxActions: config.bulkMaxActions,
  refreshInterval: config.refreshInterval,
  elasticsearchUrl: config.elasticsearchUrl,
  stopping: stopping.signal,
  pause,
};
const hotelNames = searchIndexNames(config.searchIndex);
const hotels = createPipeline(
  { name: 'hotels', topics: [config.cdcTopic], consumerGroup: config.consumerGroup, names: hotelNames, definition: hotelIndexDefinition, changes: hotelChanges, operations: toBulkOperations },
  shared,
);
const availabilityTopics = { roomTypes: config.availability.roomTypesTopic, roomNights: config.availability.roomNightsTopic };
const availabilityNames = searchIndexNames(config.availability.index);
const availability = createPipeline(
  {
    name: 'availability',
    topics: [availabilityTopics.roomTypes, availabilityTopics.roomNights],
    consumerGroup: config.availability.consumerGroup,
    names: availabilityNames,
    definition: availabilityIndexDefinition,
    changes: { decode: (message) => decodeAvailabilityChange(message, availabilityTopics), latest: latestByArrival },
    operations: availabilityBulkOperations,
  },
  shared,
);

const health = createHealthServer(
  {
    status: () => hotels.status,
    dlqTopic: config.dlqTopic,
    lag: () => hotels.lag(),
    documents: async () => (await elastic.count({ index: hotelNames.alias })).count,
    availability: { status: () => availability.status, lag: () => availability.lag() },
  },
  { name: config.serviceName, log },
);
await health.listen({ port: config.healthPort, host: '0.0.0.0' });
log.info('health endpoint listening', { port: config.healthPort });

async function start(): Promise<void> {
  const connected = await retryUntilDone(
    () => Promise.all([admin.connect(), producer.connect()]),
    {
      shouldContinue: () => !stopping.signal.aborted,
      sleep: pause,
      policy: startupBackoff,
      onFailure: (error: unknown, attempt: number, delayMs: number) => {
        hotels.status.lastError = describeError(error);
        log.warn(`connecting to Kafka (${config.kafkaBrokers.join(',')}) failed, retrying`, { attempt, delayMs, error });
      },
    },
  );
  if (!connected.done) return;
  const limit = await dlqLimit.refresh();
  log.info('dead letters are sent in batches within the topic limit', { topic: config.dlqTopic, maxMessageBytes: limit });
  await Promise.all([hotels.start(), availability.start()]);
}

onShutdownSignal(
  async () => {
    stopping.abort();
    await Promise.allSettled([hotels.consumer.disconnect(), availability.consumer.disconnect()]);
    await Promise.allSettled([producer.disconnect(), admin.disconnect(), elastic.close()]);
    await health.close();
  },
  { log, hardDeadlineMs: 9_000 },
);

start().catch((error: unknown) => {
  for (const pipeline of [hotels, availability]) {
    pipeline.status.consumer = 'crashed';
    pipeline.status.lastError = describeError(error);
  }
  log.error('indexer failed to start; the health endpoint stays up and reports it', { error });
});
