/**
 * The kafkajs `eachBatch` callback. Runs with autoCommit off and
 * eachBatchAutoResolve off: offsets are resolved and committed here, per chunk,
 * only after indexBatch reports that Elasticsearch (and the DLQ) took the chunk.
 */
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { chunk } from './bulk-plan.ts';
import type { SourceMessage } from './dead-letter.ts';
import type { BatchResult, IndexBatchDeps } from './index-batch.ts';

export interface BatchHandlerDeps {
  maxActions: number;
  /** indexBatch with everything but the retry control, which depends on the batch. */
  index: (messages: SourceMessage[], retry: IndexBatchDeps['retry']) => Promise<BatchResult>;
  sleep: (ms: number) => Promise<void>;
  onCompleted: (result: Extract<BatchResult, { completed: true }>) => void;
}

export function createBatchHandler(deps: BatchHandlerDeps) {
  return async (payload: EachBatchPayload): Promise<void> => {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    for (const messages of chunk(batch.messages, deps.maxActions)) {
      const sources = messages.map((m) => toSource(batch.topic, batch.partition, m));
      const result = await deps.index(sources, {
        // A stale batch (after a rebalance or seek) must stop: another member may own it now.
        shouldContinue: () => isRunning() && !isStale(),
        sleep: deps.sleep,
        whileWaiting: heartbeat,
      });
      if (!result.completed) return;

      const last = messages[messages.length - 1]!.offset;
      resolveOffset(last);
      await commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset(last) }] }],
      });
      deps.onCompleted(result);
      await heartbeat();
    }
  };
}

/** Kafka commits the offset of the next message to read, not the last one read. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

function toSource(topic: string, partition: number, message: KafkaMessage): SourceMessage {
  return { topic, partition, offset: message.offset, key: message.key, value: message.value };
}
