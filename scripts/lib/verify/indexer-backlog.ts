/**
 * How many changes the search-indexer has not taken yet: the lag of its two consumer
 * groups (the hotels' and date search's) on the topics they read, through the broker's
 * host listener. `npm run verify` asks it to tell search catching up from drift
 * (catch-up.ts). Bounded: a broker that does not answer in time gives `undefined`.
 */
import kafkajs from 'kafkajs';
import { fetchLag } from '../../../services/search-indexer/contract.ts';
import type { StackConfig } from '../config/stack-config.ts';

/** The consumer groups whose lag is search's backlog, each with the topics it reads. */
export function indexerSubscriptions(stack: Pick<StackConfig, 'names' | 'availability'>): Array<{ group: string; topic: string }> {
  const { names, availability } = stack;
  return [
    { group: names.consumerGroup, topic: names.cdcTopic },
    ...Object.values(availability.topics).map((topic) => ({ group: availability.consumerGroup, topic })),
  ];
}

export function indexerBacklog(broker: string, subscriptions: Array<{ group: string; topic: string }>, timeoutMs = 3_000): () => Promise<number | undefined> {
  return async () => {
    const kafka = new kafkajs.Kafka({ clientId: 'npm-run-verify', brokers: [broker], logLevel: kafkajs.logLevel.NOTHING, connectionTimeout: timeoutMs, requestTimeout: timeoutMs, retry: { retries: 0 } });
    const admin = kafka.admin();
    let timer: NodeJS.Timeout | undefined;
    const read = async () => {
      await admin.connect();
      const lags = await Promise.all(subscriptions.map(({ group, topic }) => fetchLag(admin, group, topic)));
      return lags.reduce((sum, lag) => sum + lag.total, 0);
    };
    try {
      return await Promise.race([read(), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs * 2)))]);
    } catch {
      // A topic not created yet, or no broker: the lag cannot be known, and the comparison decides alone.
      return undefined;
    } finally {
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    }
  };
}
