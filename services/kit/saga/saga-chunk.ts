/**
 * One chunk of saga messages (from the kit's batch loop, services/kit/kafka/batch-loop.ts)
 * handled in order, one transaction per message (the handler's: inbox + effect + reply).
 *
 * - a message that does not decode (saga-envelope.ts), has no handler, or whose handler
 *   says it is poison (PoisonMessageError) is dead-lettered at once;
 * - a transient failure (isTransient: the database away, a deadlock) is retried with the
 *   kit's backoff for as long as the consumer owns the chunk: the message is fine;
 * - any other failure is tried `maxAttempts` times, then dead-lettered with its error:
 *   it would fail the same way forever, and a partition must never stall on one booking.
 * Dead letters go out by the kit's policy (send-dead-letters.ts) before the chunk is
 * reported completed; a stop midway reports `completed: false`, nothing is committed and
 * the chunk comes again, which the inboxes make harmless.
 */
import { retryUntilDone } from '../retry.ts';
import type { ChunkResult } from '../../kit/kafka/batch-loop.ts';
import { buildDeadLetter, type DeadLetter, type SourceMessage } from '../../kit/kafka/dead-letter.ts';
import { sendDeadLetters, type DeadLetterOutlet } from '../../kit/kafka/send-dead-letters.ts';
import { PoisonMessageError } from './poison-message.ts';
import { decodeEnvelope, type SagaEnvelope } from './saga-envelope.ts';

export type SagaHandler = (envelope: SagaEnvelope) => Promise<unknown>;

export interface SagaChunkDeps extends DeadLetterOutlet {
  /** The handler of each message type this consumer takes. */
  handlers: Record<string, SagaHandler>;
  isTransient: (error: unknown) => boolean;
  /** Tries of a message whose handler keeps failing with a non-transient error. */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

export interface SagaChunkStats {
  handled: number;
  deadLettered: number;
  lastDeadLetterReason?: string;
}

export async function handleSagaChunk(messages: SourceMessage[], deps: SagaChunkDeps): Promise<ChunkResult<{ stats: SagaChunkStats }>> {
  const now = deps.now ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const letters: DeadLetter[] = [];
  const stats: SagaChunkStats = { handled: 0, deadLettered: 0 };
  const deadLetter = (message: SourceMessage, stage: string, reason: string) => {
    letters.push(buildDeadLetter(message, stage, reason, now()));
    stats.deadLettered++;
    stats.lastDeadLetterReason = reason;
  };

  for (const message of messages) {
    const decoded = decodeEnvelope(message);
    if (!decoded.ok) {
      deadLetter(message, 'decode', decoded.reason);
      continue;
    }
    const { envelope } = decoded;
    const handler = Object.hasOwn(deps.handlers, envelope.type) ? deps.handlers[envelope.type] : undefined;
    if (!handler) {
      deadLetter(message, 'decode', `no handler for message type ${JSON.stringify(envelope.type)} on ${message.topic}`);
      continue;
    }
    let failures = 0;
    let poison: string | undefined;
    const outcome = await retryUntilDone(
      async () => {
        try {
          await handler(envelope);
        } catch (error) {
          if (error instanceof PoisonMessageError) return (poison = error.message);
          if (!deps.isTransient(error) && ++failures >= maxAttempts) return (poison = `${(error as Error).message ?? error} (after ${failures} attempts)`);
          throw error;
        }
        return undefined;
      },
      {
        ...deps.retry,
        onFailure: (error, attempt, delayMs) =>
          deps.log.warn('saga message failed, retrying', { type: envelope.type, id: envelope.id, bookingId: envelope.bookingId, attempt, delayMs, error }),
      },
    );
    if (!outcome.done) return { completed: false };
    if (poison !== undefined) deadLetter(message, 'handle', poison);
    else stats.handled++;
  }

  if (letters.length > 0) {
    const sent = await sendDeadLetters(letters, {
      send: deps.sendDeadLetters,
      ...(deps.deadLetterMaxBytes ? { maxBytes: deps.deadLetterMaxBytes } : {}),
      ...(deps.onDeadLetters ? { onState: deps.onDeadLetters } : {}),
      retry: deps.retry,
      log: deps.log,
    });
    if (!sent) return { completed: false };
  }
  return { completed: true, stats };
}
