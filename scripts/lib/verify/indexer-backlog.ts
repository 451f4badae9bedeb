/**
 * Where the search-indexer stands on the topics it reads: its two consumer groups (the
 * hotels' and date search's), their lag, committed offsets and the topics' end offsets,
 * through the broker's host listener. `npm run verify` asks it to tell search catching up
 * from drift (catch-up.ts). Bounded: a broker that does not answer in time gives `undefined`.
 */
import kafkajs from 'kafkajs';
import { fetchLag } from '../../../services/search-indexer/contract.ts';
import type { StackConfig } from '../config/stack-config.ts';
import type { PipelinePosition } from './catch-up.ts';

/** The consumer groups whose lag is search's backlog, each with the topics it reads. */
export function indexerSubscriptions(stack: Pick<StackConfig, 'names' | 'availability'>): Array<{ group: string; topic: string }> {
  const { names, availability } = stack;
  return [
    { group: names.consumerGroup, topic: names.cdcTopic },
    ...Object.values(availability.topics).map((topic) => ({ group: availability.consumerGroup, topic })),
  ];
}

/** The lags of the subscriptions that could be read, summed; undefined when none could. */
export function sumPositions(lags: Array<PromiseSettledResult<{ total: number; partitions: Array<{ high: number; committed: number | null }> }>>): PipelinePosition | undefined {
  const known = lags.flatMap((lag) => (lag.status === 'fulfilled' ? [lag.value] : []));
  if (known.length === 0) return undefined;
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    behind: sum(known.map((lag) => lag.total)),
    taken: sum(known.flatMap((lag) => lag.partitions.map((p) => p.committed ?? 0))),
    written: sum(known.flatMap((lag) => lag.partitions.map((p) => p.high))),
  };
}

export function indexerPosition(broker: string, subscriptions: Array<{ group: string; topic: string }>, timeoutMs = 3_000): () => Promise<PipelinePosition | undefined> {
  return async () => {
    const kafka = new kafkajs.Kafka({ clientId: 'npm-run-verify', brokers: [broker], logLevel: kafkajs.logLevel.NOTHING, connectionTimeout: timeoutMs, requestTimeout: timeoutMs, retry: { retries: 0 } });
    const admin = kafka.admin();
    let timer: NodeJS.Timeout | undefined;
    const read = async () => {
      await admin.connect();
      // One topic not created yet (its profile is off) leaves the others' figures standing.
      return sumPositions(await Promise.allSettled(subscriptions.map(({ group, topic }) => fetchLag(admin, group, topic))));
    };
    try {
      return await Promise.race([read(), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs * 2)))]);
    } catch {
      // No broker: the position cannot be known, and the comparisons decide alone.
      return undefined;
    } finally {
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    }
  };
}
