/**
 * One change pipeline of the indexer: a consumer group on its change topics, the batch
 * loop, and the index behind its alias. The indexer runs two (main.ts): the hotels
 * (catalog's CDC topic → `hotels-<engine>`) and date search's availability (the
 * inventory's room types and nights → `availability-<engine>`, issue 21). They share
 * the Kafka and Elasticsearch clients, the dead-letter topic and its producer; each has
 * its own offsets, status and health causes, so one stalled index never holds the other.
 */
import type { Client } from '@elastic/elasticsearch';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { retryUntilDone, startupBackoff } from '../kit/retry.ts';
import { createBatchLoop } from '../kit/kafka/batch-loop.ts';
import { deadLetterLimit, deadLetterProducer } from '../kit/kafka/dead-letter-limit.ts';
import { describeError, type Logger } from '../kit/logger.ts';
import type { SearchIndexNames } from '../lib/search-index-names.ts';
import { combinedOutcomes } from './bulk-outcome.ts';
import { computeLag, type ConsumerLag } from './consumer-lag.ts';
import { ensureIndex, type IndexDefinition } from './ensure-index.ts';
import { indexBatch, type ChangeReader } from './index-batch.ts';
import { fetchTargets, SearchIndexMissingError } from './index-targets.ts';
import { initialStatus, type IndexerStatus } from './indexer-status.ts';

export interface PipelineSpec<A> {
  /** For the logs: `hotels`, `availability`. */
  name: string;
  topics: string[];
  consumerGroup: string;
  names: SearchIndexNames;
  definition: IndexDefinition;
  changes: ChangeReader<A>;
  /** The bulk request's operations for the actions, to every target index. */
  operations: (indices: string[], actions: A[]) => object[];
}

export interface PipelineDeps {
  kafka: Kafka;
  admin: Admin;
  producer: Producer;
  elastic: Client;
  log: Logger;
  dlqTopic: string;
  dlqLimit: ReturnType<typeof deadLetterLimit>;
  bulkMaxActions: number;
  refreshInterval: string;
  elasticsearchUrl: string;
  stopping: AbortSignal;
  pause: (ms: number) => Promise<void>;
}

export interface Pipeline {
  status: IndexerStatus;
  consumer: Consumer;
  /** Connects and subscribes the consumer; resolves once it consumes (or the indexer stops). */
  start(): Promise<void>;
  /** Messages not yet committed, summed over the pipeline's topics. */
  lag(): Promise<ConsumerLag>;
}

export function createPipeline<A>(spec: PipelineSpec<A>, deps: PipelineDeps): Pipeline {
  const { admin, elastic, log } = deps;
  const status = initialStatus(spec.names.alias);
  const running = () => !deps.stopping.aborted;
  const consumer = deps.kafka.consumer({
    groupId: spec.consumerGroup,
    allowAutoTopicCreation: false,
    // kafkajs gives up on non-retriable errors by default; a live container with a dead consumer helps nobody.
    retry: { restartOnFailure: async () => true },
  });

  const { GROUP_JOIN, CRASH, STOP } = consumer.events;
  consumer.on(GROUP_JOIN, ({ payload }) => {
    status.consumer = 'running';
    log.info('joined consumer group', { pipeline: spec.name, group: spec.consumerGroup, assignment: payload.memberAssignment });
  });
  consumer.on(CRASH, ({ payload }) => {
    status.consumer = payload.restart ? 'starting' : 'crashed';
    status.lastError = describeError(payload.error);
  });
  consumer.on(STOP, () => {
    status.consumer = 'stopped';
  });

  const handleBatch = createBatchLoop({
    maxMessages: deps.bulkMaxActions,
    sleep: deps.pause,
    process: (messages, retry) =>
      indexBatch<A>(messages, {
        retry,
        log,
        changes: spec.changes,
        bulk: async (actions) => {
          // Resolved per request, never cached: see index-targets.ts for why that keeps a reindex complete.
          const targets = await fetchTargets(elastic, spec.names);
          if (!targets.ok) throw new SearchIndexMissingError(targets.problem, targets.fix);
          status.searchIndex = { alias: spec.names.alias, writeIndex: targets.writeIndex, reindexTarget: targets.reindexTarget, problem: null, fix: null };
          const response = await elastic.bulk({ operations: spec.operations(targets.indices, actions) });
          return combinedOutcomes(response.items, targets.indices.length);
        },
        sendDeadLetters: deadLetterProducer(deps.producer, deps.dlqTopic, deps.dlqLimit),
        deadLetterMaxBytes: deps.dlqLimit.get,
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

  const untilStopped = (what: string, fix: string) => ({
    shouldContinue: running,
    sleep: deps.pause,
    policy: startupBackoff,
    onFailure: (error: unknown, attempt: number, delayMs: number) => {
      status.lastError = describeError(error);
      log.warn(`${what} failed, retrying`, { pipeline: spec.name, attempt, delayMs, error, fix });
    },
  });

  async function start(): Promise<void> {
    const connected = await retryUntilDone(
      async () => {
        await consumer.connect();
        await consumer.subscribe({ topics: spec.topics, fromBeginning: true });
      },
      untilStopped(`subscribing to ${spec.topics.join(', ')}`, 'the topics are created by kafka-init (kafka/topics.json); check `npm run logs kafka-init`'),
    );
    if (!connected.done) return;

    const index = await retryUntilDone(
      () =>
        ensureIndex(elastic, spec.names, {
          refreshInterval: deps.refreshInterval,
          definition: spec.definition,
          hasIndexedBefore: async () => {
            const offsets = await admin.fetchOffsets({ groupId: spec.consumerGroup, topics: spec.topics });
            return offsets.some((topic) => topic.partitions.some((p) => Number(p.offset) >= 0));
          },
        }),
      untilStopped(`preparing the index ${spec.names.alias}`, `check that Elasticsearch is up at ${deps.elasticsearchUrl}`),
    );
    if (!index.done) return;
    if (index.value.outcome === 'missing') {
      // Consume anyway: every batch waits (retried, not dead-lettered) until the alias is back.
      status.elasticsearch = 'index missing';
      status.searchIndex = { ...status.searchIndex, problem: index.value.problem, fix: index.value.fix };
      log.error('search index missing; not creating an empty one, waiting for `npm run reindex`', { pipeline: spec.name, problem: index.value.problem, fix: index.value.fix });
    } else {
      status.elasticsearch = 'ok';
      status.searchIndex = { ...status.searchIndex, writeIndex: index.value.writeIndex };
      log.info('search index ready', { pipeline: spec.name, alias: spec.names.alias, ...index.value });
    }

    // A new group starts at the beginning: the connector's initial snapshot is the index's first load.
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: handleBatch });
    log.info('consuming', { pipeline: spec.name, topics: spec.topics, group: spec.consumerGroup, dlq: deps.dlqTopic });
  }

  async function lag(): Promise<ConsumerLag> {
    const [offsets, ...watermarks] = await Promise.all([
      admin.fetchOffsets({ groupId: spec.consumerGroup, topics: spec.topics }),
      ...spec.topics.map((topic) => admin.fetchTopicOffsets(topic)),
    ]);
    const perTopic = spec.topics.map((topic, i) => computeLag(watermarks[i]!, offsets.find((t) => t.topic === topic)?.partitions ?? []));
    // One topic: its partitions as they are (the hotels' health shape); several: the sum, partitions in topic order.
    return { total: perTopic.reduce((sum, topicLag) => sum + topicLag.total, 0), partitions: perTopic.flatMap((topicLag) => topicLag.partitions) };
  }

  return { status, consumer, start, lag };
}
