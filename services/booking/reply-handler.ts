/**
 * A participant's reply from Kafka into the saga: read (messages.ts parseReply), then one
 * transition keyed by the message id (the inbox makes a redelivery change nothing). A reply
 * that breaks the contract is poison: the kit's consumer dead-letters it at once. A saga whose
 * version kept changing under every try is transient: the consumer tries the message again.
 */
import type { Logger } from '../kit/logger.ts';
import { PoisonMessageError } from '../kit/saga/poison-message.ts';
import type { SagaEnvelope } from '../kit/saga/saga-envelope.ts';
import { isTransientSqlError } from '../kit/saga/transient-error.ts';
import { parseReply, replyTypes } from './saga-messages.ts';
import { SagaContentionError, type SagaRunner } from './saga-runner.ts';

export function createReplyHandlers(runner: SagaRunner, log: Logger): Record<string, (envelope: SagaEnvelope) => Promise<void>> {
  const handle = async (envelope: SagaEnvelope): Promise<void> => {
    const parsed = parseReply(envelope.type, envelope.payload);
    if (!parsed.ok) throw new PoisonMessageError(parsed.problem);
    const { outcome, decision } = await runner.advance(envelope.bookingId, { kind: 'reply', reply: parsed.reply }, envelope.id);
    if (outcome === 'unknown_booking') log.warn('a reply for a booking this database does not have', { bookingId: envelope.bookingId, type: envelope.type });
    else if (outcome === 'ignored') {
      log.info('reply changes nothing', { bookingId: envelope.bookingId, type: envelope.type, why: decision?.kind === 'ignore' ? decision.why : undefined });
    }
  };
  return Object.fromEntries(replyTypes.map((type) => [type, handle]));
}

/** What the consumer retries for as long as it runs instead of dead-lettering. */
export function isTransientReplyError(error: unknown): boolean {
  return error instanceof SagaContentionError || isTransientSqlError(error);
}
