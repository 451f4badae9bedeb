/**
 * The dead-letter topic's `max.message.bytes`, as the broker enforces it: the
 * topic's own value, or the broker's `message.max.bytes` it inherits (describeConfigs
 * answers the effective value either way). Read at start-up and again whenever the
 * broker refuses a batch as too large, since the topic's config can change while
 * the indexer runs. When the value cannot be read (no DescribeConfigs permission,
 * the broker away), Kafka's default is used and the reason is logged.
 */
import { KAFKA_DEFAULT_MAX_MESSAGE_BYTES } from './dead-letter-batches.ts';
import type { DeadLetter } from './dead-letter.ts';

export interface TopicConfigReader {
  describeConfigs(request: {
    resources: Array<{ type: number; name: string; configNames: string[] }>;
    includeSynonyms: boolean;
  }): Promise<{ resources: Array<{ errorCode: number; errorMessage: string | null; configEntries: Array<{ configName: string; configValue: string }> }> }>;
}

/** kafkajs' ConfigResourceTypes.TOPIC (the Kafka protocol's resource type 2). */
const TOPIC_RESOURCE = 2;

export async function readMaxMessageBytes(admin: TopicConfigReader, topic: string): Promise<number> {
  const answer = await admin.describeConfigs({ resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: ['max.message.bytes'] }], includeSynonyms: false });
  const resource = answer.resources[0];
  if (!resource || resource.errorCode !== 0) throw new Error(`describeConfigs for topic ${topic} failed: ${resource?.errorMessage ?? 'no answer'}`);
  const value = Number(resource.configEntries.find((entry) => entry.configName === 'max.message.bytes')?.configValue);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`topic ${topic} reports no usable max.message.bytes`);
  return value;
}

/**
 * The broker's word that a batch was too large (kafkajs KafkaJSProtocolError types),
 * also when kafkajs wraps it (KafkaJSNonRetriableError keeps it as `cause`, an
 * aggregate error in `errors`).
 */
export function isTooLarge(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { type, cause, errors } = error as { type?: unknown; cause?: unknown; errors?: unknown };
  if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') return true;
  return isTooLarge(cause, depth + 1) || (Array.isArray(errors) && errors.some((inner) => isTooLarge(inner, depth + 1)));
}

/** Holds the limit; `refresh` re-reads it and keeps the last known value (or Kafka's default) when that fails. */
export function deadLetterLimit(read: () => Promise<number>, onReadFailure: (error: unknown, fallback: number) => void) {
  let current = KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
  return {
    get: () => current,
    async refresh(): Promise<number> {
      try {
        current = await read();
      } catch (error) {
        onReadFailure(error, current);
      }
      return current;
    },
  };
}

/**
 * Produces one batch of dead letters to `topic`; when the broker refuses it as too
 * large, the topic's limit may have changed since it was read: it is read again, so
 * the retry (send-dead-letters.ts) cuts its batches by the new one.
 */
export function deadLetterProducer(
  producer: { send(request: { topic: string; messages: DeadLetter[] }): Promise<unknown> },
  topic: string,
  limit: { refresh(): Promise<number> },
) {
  return async (letters: DeadLetter[]): Promise<void> => {
    try {
      await producer.send({ topic, messages: letters });
    } catch (error) {
      if (isTooLarge(error)) await limit.refresh();
      throw error;
    }
  };
}
