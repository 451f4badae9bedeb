/**
 * A participant's reply from Kafka into the saga: read (messages.ts parseReply), then one
 * transition keyed by the message id (the inbox makes a redelivery change nothing). A reply
 * that cannot be read is poison: the consumer dead-letters it instead of guessing.
 */
import type { Logger } from '../../kit/logger.ts';
import { parseReply } from './messages.ts';
import type { SagaRunner } from './saga-runner.ts';

export interface ReplyEnvelope {
  /** The outbox row's id (Kafka header `id`): the inbox key. */
  id: string;
  type: string;
  bookingId: string;
  payload: Record<string, unknown>;
}

export class UnreadableReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableReplyError';
  }
}

export function createReplyHandler(runner: SagaRunner, log: Logger) {
  return async (envelope: ReplyEnvelope): Promise<void> => {
    const parsed = parseReply(envelope.type, envelope.payload);
    if (!parsed.ok) throw new UnreadableReplyError(parsed.problem);
    const { outcome, decision } = await runner.advance(envelope.bookingId, { kind: 'reply', reply: parsed.reply }, envelope.id);
    if (outcome === 'unknown_booking') log.warn('a reply for a booking this database does not have', { bookingId: envelope.bookingId, type: envelope.type });
    else if (outcome === 'ignored') log.debug('reply ignored', { bookingId: envelope.bookingId, type: envelope.type, why: decision?.kind === 'ignore' ? decision.why : undefined });
  };
}
