/**
 * The Kafka consumer loop of every consumer: the kafkajs `eachBatch` callback,
 * run with autoCommit off and eachBatchAutoResolve off. A batch is cut into chunks
 * of at most `maxMessages`; each chunk goes to `process`, which retries what can be
 * retried (retry.ts) and dead-letters what never will succeed (send-dead-letters.ts),
 * and reports `completed`. Only then are the chunk's offsets resolved and committed;
 * a chunk that did not complete (the consumer stops, or the batch went stale after a
 * rebalance) commits nothing and is delivered again, so `process` must be idempotent.
 * https://kafka.js.org/docs/consuming#a-name-each-batch-a-eachbatch
 */
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { RetryDeps } from '../retry.ts';
import type { SourceMessage } from './dead-letter.ts';

/** How `process` keeps retrying: while the batch is still this consumer's, heartbeating while it waits. */
export type RetryControl = Omit<RetryDeps, 'onFailure'>;

export type ChunkResult<T> = ({ completed: true } & T) | { completed: false };

export interface BatchLoopDeps<T> {
  maxMessages: number;
  process: (messages: SourceMessage[], retry: RetryControl) => Promise<ChunkResult<T>>;
  sleep: (ms: number) => Promise<void>;
  onCompleted: (result: { completed: true } & T) => void;
}

export function createBatchLoop<T>(deps: BatchLoopDeps<T>) {
  return async (payload: EachBatchPayload): Promise<void> => {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    for (const messages of chunk(batch.messages, deps.maxMessages)) {
      const sources = messages.map((m) => toSource(batch.topic, batch.partition, m));
      const result = await deps.process(sources, {
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

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function toSource(topic: string, partition: number, message: KafkaMessage): SourceMessage {
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: headerText(message.headers) };
}

/**
 * Headers as text: kafkajs hands them over as Buffers (an array when a key repeats;
 * the last one wins, as in Kafka's `Headers.lastHeader`).
 */
export function headerText(headers: KafkaMessage['headers']): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) text[key] = last.toString();
  }
  return text;
}
