/**
 * What the console reads from Kafka, without ever moving the indexer's offsets:
 * - every few seconds, the indexer group's committed offsets against the topic's end
 *   (OffsetFetch and ListOffsets are reads), its members, and the dead-letter count;
 * - the last messages of the CDC and dead-letter topics, tailed from then on;
 * - the ids of the saga's outbox messages on their topics, for the outbox lag (outbox-lag.ts).
 *
 * Reading a partition without a consumer group needs manual assignment, and kafkajs
 * has none (tulios/kafkajs#373 open since 2019; its maintainers: "fully manual
 * partition assignment is not something we support", #1060). So the tail is a consumer
 * in a throwaway group of its own (`booking-console-<uuid>`, never the indexer's):
 * auto-commit off, so it commits nothing; it seeks to the last N offsets itself; the
 * group is deleted when the console stops (an empty group without offsets would also
 * expire on its own).
 */
import { randomUUID } from 'node:crypto';
import kafkajs, { type Admin, type Consumer } from 'kafkajs';
import { errorText } from '../text.ts';
import { appendSample, lagSample, messagesIn, type LagSample } from './lag-history.ts';
import { createOutboxSightings, type OutboxSightings } from './outbox-lag.ts';
import { decodeChangeEvent, decodeDeadLetter, type ChangeEvent, type DeadLetter, type RawMessage } from './topic-messages.ts';

const { Kafka, logLevel } = kafkajs;

export interface KafkaReaderOptions {
  broker: string;
  cdcTopic: string;
  dlqTopic: string;
  indexerGroup: string;
  /** The saga's outbox topics (saga.<engine>.<aggregatetype>): their message ids are recorded, not their payloads. */
  outboxTopics?: string[];
  /** How many of the latest messages of each topic to keep. */
  keepChanges?: number;
  keepDeadLetters?: number;
  /** How far back each outbox topic partition is read at start: enough to hold the newest captured row. */
  keepOutboxPerPartition?: number;
  historyMs?: number;
  now?: () => number;
}

export interface IndexerGroupState {
  at: number;
  history: LagSample[];
  groupState: string;
  members: number;
  deadLetterCount: number;
}

export type Reading<T> = { ok: true; value: T } | { ok: false; error: string };

export const CONSOLE_GROUP_PREFIX = 'booking-console-';

export function consoleGroupId(indexerGroup: string, uuid: string = randomUUID()): string {
  const group = `${CONSOLE_GROUP_PREFIX}${uuid}`;
  // Never the indexer's: a member of its group would take partitions from it.
  if (group === indexerGroup) throw new Error(`refusing to read as the indexer's group ${indexerGroup}`);
  return group;
}

export function createKafkaReader(options: KafkaReaderOptions) {
  const { broker, cdcTopic, dlqTopic, indexerGroup, outboxTopics = [], keepChanges = 200, keepDeadLetters = 20, keepOutboxPerPartition = 1_000, historyMs = 10 * 60_000, now = Date.now } = options;
  const outboxTopicSet = new Set(outboxTopics);
  const sightings = createOutboxSightings();
  const kafka = new Kafka({
    clientId: 'booking-console',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 1, initialRetryTime: 300 },
  });
  let admin: Admin | undefined;
  let history: LagSample[] = [];
  let group: Reading<IndexerGroupState> = { ok: false, error: 'not sampled yet' };

  let tail: { consumer: Consumer; groupId: string } | undefined;
  let tailState: Reading<'running'> = { ok: false, error: 'not started yet' };
  let changes: Array<Omit<ChangeEvent, 'before'>> = [];
  let deadLetters: DeadLetter[] = [];

  async function connectedAdmin(): Promise<Admin> {
    if (admin) return admin;
    const fresh = kafka.admin();
    await fresh.connect();
    admin = fresh;
    return fresh;
  }

  async function sample(): Promise<void> {
    try {
      const a = await connectedAdmin();
      const [watermarks, offsets, described, dlq] = await Promise.all([
        a.fetchTopicOffsets(cdcTopic),
        a.fetchOffsets({ groupId: indexerGroup, topics: [cdcTopic] }),
        a.describeGroups([indexerGroup]),
        a.fetchTopicOffsets(dlqTopic),
      ]);
      const at = now();
      history = appendSample(history, lagSample(at, watermarks, offsets.find((t) => t.topic === cdcTopic)?.partitions ?? []), historyMs);
      const description = described.groups[0];
      group = { ok: true, value: { at, history, groupState: description?.state ?? 'Unknown', members: description?.members.length ?? 0, deadLetterCount: messagesIn(dlq) } };
    } catch (error) {
      group = { ok: false, error: `Kafka at ${broker}: ${errorText(error)}` };
      await admin?.disconnect().catch(() => undefined);
      admin = undefined;
    }
  }

  async function startTail(): Promise<void> {
    const groupId = consoleGroupId(indexerGroup);
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500, retry: { retries: 2 } });
    tail = { consumer, groupId };
    changes = [];
    deadLetters = [];
    tailState = { ok: false, error: 'joining' };
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      tailState = { ok: false, error: `Kafka at ${broker}: ${errorText(payload.error)}` };
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      tailState = { ok: true, value: 'running' };
    });
    const a = await connectedAdmin();
    const [cdcEnds, dlqEnds, ...outboxEnds] = await Promise.all([cdcTopic, dlqTopic, ...outboxTopics].map((topic) => a.fetchTopicOffsets(topic)));
    const startOf = ({ high, low }: { high: string; low: string }, keep: number) => Math.max(Number(low), Number(high) - keep);
    sightings.start(new Map(outboxTopics.map((topic, i) => [topic, outboxEnds[i]!.map((p) => ({ partition: p.partition, start: startOf(p, keepOutboxPerPartition), high: Number(p.high) }))])));
    await consumer.connect();
    await consumer.subscribe({ topics: [cdcTopic, dlqTopic, ...outboxTopics] });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const raw: RawMessage = { topic, partition, ...message };
        if (topic === cdcTopic) changes = [...changes, decodeChangeEvent(raw)].slice(-keepChanges);
        else if (outboxTopicSet.has(topic)) sightings.saw(topic, partition, Number(message.offset), headerText(message.headers?.id));
        else deadLetters = [...deadLetters, decodeDeadLetter(raw)].slice(-keepDeadLetters);
      },
    });
    const seekBack = (topic: string, ends: Array<{ partition: number; high: string; low: string }>, keep: number) => {
      for (const end of ends) consumer.seek({ topic, partition: end.partition, offset: String(startOf(end, keep)) });
    };
    seekBack(cdcTopic, cdcEnds!, keepChanges);
    seekBack(dlqTopic, dlqEnds!, keepDeadLetters);
    outboxTopics.forEach((topic, i) => seekBack(topic, outboxEnds[i]!, keepOutboxPerPartition));
  }

  async function stopTail(): Promise<void> {
    const current = tail;
    tail = undefined;
    if (!current) return;
    await current.consumer.disconnect().catch(() => undefined);
    await admin?.deleteGroups([current.groupId]).catch(() => undefined);
  }

  /** Starts the tail, or starts it again after it crashed (Kafka down, then back). */
  async function ensureTail(): Promise<void> {
    if (tail && (tailState.ok || tailState.error === 'joining')) return;
    await stopTail();
    try {
      await startTail();
    } catch (error) {
      tailState = { ok: false, error: `Kafka at ${broker}: ${errorText(error)}` };
      await stopTail();
    }
  }

  return {
    /** One sampling round: lag, group, dead-letter count, and the tail kept alive. */
    async tick(): Promise<void> {
      await sample();
      await ensureTail();
    },
    indexerGroup: (): Reading<IndexerGroupState> => group,
    tail: (): { state: Reading<'running'>; changes: Array<Omit<ChangeEvent, 'before'>>; deadLetters: DeadLetter[]; groupId: string | null } => ({
      state: tailState,
      changes,
      deadLetters,
      groupId: tail?.groupId ?? null,
    }),
    /** The outbox message ids read so far, while the tail runs. */
    outbox: (): { state: Reading<'running'>; sightings: OutboxSightings } => ({ state: tailState, sightings }),
    async close(): Promise<void> {
      await stopTail();
      await admin?.disconnect().catch(() => undefined);
      admin = undefined;
    },
  };
}

export type KafkaReader = ReturnType<typeof createKafkaReader>;

/** A Kafka header as text (kafkajs hands headers over as Buffers). */
function headerText(value: Buffer | string | Array<Buffer | string> | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
}
