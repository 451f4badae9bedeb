/**
 * search-indexer entry point: `node services/dist/search-indexer/main.js`.
 * Start order: health endpoint (reports "starting") → Kafka clients → search
 * alias and index (waits for Elasticsearch; ensure-index.ts) → consumer. SIGTERM stops
 * the consumer first, which lets the batch in flight finish or abandon it
 * uncommitted, then closes the rest.
 */
import { Client } from '@elastic/elasticsearch';
import kafkajs from 'kafkajs';
import { sleep, startupBackoff, retryUntilDone } from '../kit/retry.ts';
import { createBatchLoop } from '../kit/kafka/batch-loop.ts';
import { deadLetterLimit, deadLetterProducer, readMaxMessageBytes } from '../kit/kafka/dead-letter-limit.ts';
import { loadConfigOrExit } from '../kit/load-config-or-exit.ts';
import { createLogger, describeError } from '../kit/logger.ts';
import { onShutdownSignal } from '../kit/shutdown-signals.ts';
import { searchIndexNames } from '../lib/search-index-names.ts';
import { combinedOutcomes } from './bulk-outcome.ts';
import { toBulkOperations } from './bulk-plan.ts';
import { loadSearchIndexerConfig } from './config.ts';
import { fetchLag } from './consumer-lag.ts';
import { ensureIndex } from './ensure-index.ts';
import { createHealthServer } from './health-server.ts';
import { indexBatch } from './index-batch.ts';
import { fetchTargets, SearchIndexMissingError } from './index-targets.ts';
import { initialStatus } from './indexer-status.ts';
import { kafkaLogCreator } from '../kit/kafka/kafka-log.ts';

const { Kafka, Partitioners } = kafkajs;
const config = loadConfigOrExit(() => loadSearchIndexerConfig(process.env), 'search-indexer');
const log = createLogger({ service: config.serviceName }, { level: config.logLevel });
const names = searchIndexNames(config.searchIndex);
const status = initialStatus(names.alias);
const stopping = new AbortController();
const running = () => !stopping.signal.aborted;
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
const consumer = kafka.consumer({
  groupId: config.consumerGroup,
  allowAutoTopicCreation: false,
  // kafkajs gives up on non-retriable errors by default; a live container with a dead consumer helps nobody.
  retry: { restartOnFailure: async () => true },
});

const dlqLimit = deadLetterLimit(
  () => readMaxMessageBytes(admin, config.dlqTopic),
  (error, fallback) => log.warn('cannot read max.message.bytes of the dead-letter topic; batches stay within the last known limit', { topic: config.dlqTopic, limit: fallback, error }),
);

const health = createHealthServer({
  status: () => status,
  dlqTopic: config.dlqTopic,
  lag: () => fetchLag(admin, config.consumerGroup, config.cdcTopic),
  documents: async () => (await elastic.count({ index: names.alias })).count,
}, { name: config.serviceName, log });
await health.listen({ port: config.healthPort, host: '0.0.0.0' });
log.info('health endpoint listening', { port: config.healthPort });

const { GROUP_JOIN, CRASH, STOP } = consumer.events;
consumer.on(GROUP_JOIN, ({ payload }) => {
  status.consumer = 'running';
  log.info('joined consumer group', { group: config.consumerGroup, assignment: payload.memberAssignment });
});
consumer.on(CRASH, ({ payload }) => {
  status.consumer = payload.restart ? 'starting' : 'crashed';
  status.lastError = describeError(payload.error);
});
consumer.on(STOP, () => {
  status.consumer = 'stopped';
});

const handleBatch = createBatchLoop({
  maxMessages: config.bulkMaxActions,
  sleep: pause,
  process: (messages, retry) =>
    indexBatch(messages, {
      retry,
      log,
      bulk: async (actions) => {
        // Resolved per request, never cached: see index-targets.ts for why that keeps a reindex complete.
        const targets = await fetchTargets(elastic, names);
        if (!targets.ok) throw new SearchIndexMissingError(targets.problem, targets.fix);
        status.searchIndex = { alias: names.alias, writeIndex: targets.writeIndex, reindexTarget: targets.reindexTarget, problem: null, fix: null };
        const response = await elastic.bulk({ operations: toBulkOperations(targets.indices, actions) });
        return combinedOutcomes(response.items, targets.indices.length);
      },
      sendDeadLetters: deadLetterProducer(producer, config.dlqTopic, dlqLimit),
      deadLetterMaxBytes: dlqLimit.get,
      onDeadLetters: (state, error) => {
        status.deadLetterProducer = state;
        status.deadLetterProducerError = error ? describeError(error) : null;
      },
      onElasticsearch: (state, error) => {
        if (error instanceof SearchIndexMissingError) {
          status.elasticsearch = 'index missing';
          status.searchIndex = { ...status.searchIndex, writeIndex: null, reindexTarget: null, problem: error.problem, fix: error.fix };
        } else status.elasticsearch = state;
        if (error) status.lastError = describeError(error);
      },
    }),
  onCompleted: ({ stats }) => {
    status.lastBatchAt = new Date().toISOString();
    status.applied += stats.applied;
    status.stale += stats.stale;
    status.deadLettered += stats.deadLettered;
    if (stats.lastDeadLetterReason) status.lastDeadLetterError = stats.lastDeadLetterReason;
  },
});

async function start(): Promise<void> {
  const untilStopped = (what: string, fix: string) => ({
    shouldContinue: running,
    sleep: pause,
    policy: startupBackoff,
    onFailure: (error: unknown, attempt: number, delayMs: number) => {
      status.lastError = describeError(error);
      log.warn(`${what} failed, retrying`, { attempt, delayMs, error, fix });
    },
  });

  const connected = await retryUntilDone(
    async () => {
      await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
      await consumer.subscribe({ topics: [config.cdcTopic], fromBeginning: true });
    },
    untilStopped(
      `connecting to Kafka (${config.kafkaBrokers.join(',')}) and subscribing to ${config.cdcTopic}`,
      'the topics are created by kafka-init (kafka/init/init.sh); check `npm run logs kafka-init`',
    ),
  );
  if (!connected.done) return;
  const limit = await dlqLimit.refresh();
  log.info('dead letters are sent in batches within the topic limit', { topic: config.dlqTopic, maxMessageBytes: limit });

  const index = await retryUntilDone(
    () =>
      ensureIndex(elastic, names, {
        refreshInterval: config.refreshInterval,
        hasIndexedBefore: async () => {
          const offsets = await admin.fetchOffsets({ groupId: config.consumerGroup, topics: [config.cdcTopic] });
          return offsets.some((topic) => topic.partitions.some((p) => Number(p.offset) >= 0));
        },
      }),
    untilStopped('preparing the search index', `check that Elasticsearch is up at ${config.elasticsearchUrl}`),
  );
  if (!index.done) return;
  if (index.value.outcome === 'missing') {
    // Consume anyway: every batch waits (retried, not dead-lettered) until the alias is back.
    status.elasticsearch = 'index missing';
    status.searchIndex = { ...status.searchIndex, problem: index.value.problem, fix: index.value.fix };
    log.error('search index missing; not creating an empty one, waiting for `npm run reindex`', { problem: index.value.problem, fix: index.value.fix });
  } else {
    status.elasticsearch = 'ok';
    status.searchIndex = { ...status.searchIndex, writeIndex: index.value.writeIndex };
    log.info('search index ready', { alias: names.alias, ...index.value });
  }

  // A new group starts at the beginning: the connector's initial snapshot is the index's first load.
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: handleBatch });
  log.info('consuming', { topic: config.cdcTopic, group: config.consumerGroup, dlq: config.dlqTopic });
}

onShutdownSignal(
  async () => {
    stopping.abort();
    await consumer.disconnect();
    await Promise.allSettled([producer.disconnect(), admin.disconnect(), elastic.close()]);
    await health.close();
  },
  { log, hardDeadlineMs: 9_000 },
);

start().catch((error: unknown) => {
  status.consumer = 'crashed';
  status.lastError = describeError(error);
  log.error('indexer failed to start; the health endpoint stays up and reports it', { error });
});
