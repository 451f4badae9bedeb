/**
 * Consumer lag = messages in the topic the group has not committed yet, per
 * partition. A partition the group never committed counts from its low watermark.
 */
import type { Admin } from 'kafkajs';

export interface PartitionLag {
  partition: number;
  high: number;
  committed: number | null;
  lag: number;
}

export interface ConsumerLag {
  total: number;
  partitions: PartitionLag[];
}

export function computeLag(
  watermarks: Array<{ partition: number; high: string; low: string }>,
  committed: Array<{ partition: number; offset: string }>,
): ConsumerLag {
  const committedBy = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  const partitions = watermarks
    .map(({ partition, high, low }) => {
      const offset = committedBy.get(partition);
      const position = offset === undefined || offset < 0 ? null : offset;
      const lag = Math.max(0, Number(high) - (position ?? Number(low)));
      return { partition, high: Number(high), committed: position, lag };
    })
    .sort((a, b) => a.partition - b.partition);
  return { total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
}

export async function fetchLag(admin: Admin, groupId: string, topic: string): Promise<ConsumerLag> {
  const [watermarks, groupOffsets] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  return computeLag(watermarks, groupOffsets.find((t) => t.topic === topic)?.partitions ?? []);
}
