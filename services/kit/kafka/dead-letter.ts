/**
 * Dead-letter routing: the original key and value go unchanged to the DLQ topic,
 * and the headers say why and where they came from, so a message can be fixed and
 * replayed by hand (kafka-console-consumer --property print.headers=true shows them).
 */
export interface SourceMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** The record's own headers (the saga's `id` and `type`); absent where a consumer reads none. */
  headers?: Record<string, string>;
}

/** Where the consumer gave up on the message, in its own words (the indexer: `decode`, `index`). */
export type FailureStage = string;

export interface DeadLetter {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

const maxReasonLength = 2_000;

export function buildDeadLetter(message: SourceMessage, stage: FailureStage, reason: string, failedAt: Date): DeadLetter {
  return {
    key: message.key,
    value: message.value,
    headers: {
      // The original headers first: a letter replayed by hand must carry them again (the saga's id and type).
      ...message.headers,
      'dlq.error.stage': stage,
      'dlq.error.message': reason.length > maxReasonLength ? `${reason.slice(0, maxReasonLength)}…` : reason,
      'dlq.source.topic': message.topic,
      'dlq.source.partition': String(message.partition),
      'dlq.source.offset': message.offset,
      'dlq.failed.at': failedAt.toISOString(),
    },
  };
}
