/**
 * The outbox lag per saga service: rows its transactions wrote to `outbox` that Debezium
 * has not yet put on Kafka.
 *
 * How it is measured, and why this way: a row counts as captured when a message with its id
 * (the outbox router's `id` header, SAGA-DESIGN.md) has been read from its topic by the
 * console's own Kafka reader (kafka-reader.ts), so "captured" means exactly what the
 * services downstream can see. Rejected: the connector's committed source offset (binlog
 * file and position) against the server's binlog end. Connect commits source offsets only
 * every offset.flush.interval.ms (a minute by default), so that figure lags by up to a minute
 * when nothing is wrong, and the binlog end moves with every other database's writes (the
 * catalog's hotels too), which are not outbox rows at all.
 *
 * The outbox's newest rows are walked newest first until the first one seen on Kafka: the
 * rows before it are the pending ones. One connector task reads the binlog in commit order, so
 * once a row is captured every row committed before it is too; walking stops there instead of
 * matching every row ever written (the outbox is never emptied). Rows are ordered by
 * created_at, which is the insert's time and not quite its commit's: two transactions
 * committing in the other order within the same few milliseconds can hide one pending row
 * for that moment, never more.
 */
import type { SagaService } from '../config/saga-config.ts';
import type { OutboxHeadRow } from './saga-reader.ts';

export interface OutboxLagFigures {
  /** Rows written but not yet on Kafka (the newest `limit` rows at most: see capped). */
  pending: number;
  /** Every row read was pending: there are at least `pending`. */
  capped: boolean;
  /** How long the oldest pending row has waited, by the database's clock (null: none pending). */
  oldestPendingAgeMs: number | null;
  /** The newest outbox row's age (null: an empty outbox). */
  newestRowAgeMs: number | null;
}

/** `head`: the outbox's newest rows, newest first, as many as were asked for (`limit`). */
export function outboxLag(head: OutboxHeadRow[], seen: (id: string) => boolean, limit: number): OutboxLagFigures {
  const firstSeen = head.findIndex((row) => seen(row.id));
  const pending = firstSeen === -1 ? head.length : firstSeen;
  return {
    pending,
    capped: firstSeen === -1 && head.length >= limit,
    oldestPendingAgeMs: pending === 0 ? null : head[pending - 1]!.ageMs,
    newestRowAgeMs: head[0]?.ageMs ?? null,
  };
}

export interface PartitionEnd {
  partition: number;
  /** The offset the reader starts from (it reads back a window, not the whole topic). */
  start: number;
  /** The partition's end when the reader started. */
  high: number;
}

/**
 * Which outbox message ids the console's reader has seen, and whether it has read each
 * topic up to where it ended when the reader started: before that, a row missing from the
 * ids may only not have been read yet, so the lag is not measured.
 */
export function createOutboxSightings(keepIds = 50_000) {
  let ids = new Set<string>();
  let ends = new Map<string, PartitionEnd[]>();
  const consumed = new Map<string, number>();
  const key = (topic: string, partition: number) => `${topic}/${partition}`;
  return {
    /** A fresh reading (the reader started or started again). */
    start(topicEnds: Map<string, PartitionEnd[]>): void {
      ids = new Set();
      ends = topicEnds;
      consumed.clear();
    },
    saw(topic: string, partition: number, offset: number, id: string | null): void {
      consumed.set(key(topic, partition), offset + 1);
      if (id === null) return;
      ids.add(id);
      // Oldest first out: a Set iterates in insertion order.
      if (ids.size > keepIds) ids.delete(ids.values().next().value!);
    },
    seen: (id: string): boolean => ids.has(id),
    /** The partitions of `topics` not yet read to their end at start, as `topic/partition` (empty: caught up). */
    behind(topics: string[]): string[] {
      return topics.flatMap((topic) => {
        const partitions = ends.get(topic);
        if (!partitions) return [`${topic} (not read yet)`];
        return partitions.filter((p) => (consumed.get(key(topic, p.partition)) ?? p.start) < p.high).map((p) => key(topic, p.partition));
      });
    },
  };
}

export type OutboxSightings = ReturnType<typeof createOutboxSightings>;

export interface ServiceOutboxLag {
  service: SagaService;
  database: string;
  connector: string;
  topics: string[];
  /** null when it cannot be measured now: `unmeasured` says why. */
  lag: OutboxLagFigures | null;
  unmeasured: string | null;
}

export interface ServiceOutbox {
  service: SagaService;
  database: string;
  connector: string;
  topics: string[];
}

/** One service's lag, or why it is not measured: the reader is down, or has not read its topics to their end yet. */
export function serviceOutboxLag(
  outbox: ServiceOutbox,
  head: OutboxHeadRow[],
  reader: { ok: true } | { ok: false; error: string },
  sightings: Pick<OutboxSightings, 'seen' | 'behind'>,
  limit: number,
): ServiceOutboxLag {
  if (!reader.ok) return { ...outbox, lag: null, unmeasured: `the console's Kafka reader: ${reader.error}` };
  const behind = sightings.behind(outbox.topics);
  if (behind.length > 0) return { ...outbox, lag: null, unmeasured: `reading ${behind.join(', ')} up to its end` };
  return { ...outbox, lag: outboxLag(head, sightings.seen, limit), unmeasured: null };
}
