/**
 * The dead-letter policy of every consumer: the letters of a chunk are produced in
 * batches the topic accepts (dead-letter-batches.ts), each retried with the kit's
 * backoff for as long as the consumer owns the chunk, and never sent again once the
 * broker took it. While the producer keeps failing, `onState('retrying')` says so
 * (a service's health turns degraded); each letter is logged once it is out.
 * Returns false when the consumer stopped first: the chunk is then not committed.
 */
import type { Logger } from '../logger.ts';
import { retryUntilDone } from '../retry.ts';
import type { RetryControl } from './batch-loop.ts';
import type { DeadLetter } from './dead-letter.ts';
import { KAFKA_DEFAULT_MAX_MESSAGE_BYTES, nextDeadLetterBatch } from './dead-letter-batches.ts';

export interface SendDeadLettersDeps {
  /** Produces one batch (already within the topic's limit) in one request. */
  send: (letters: DeadLetter[]) => Promise<void>;
  /** The dead-letter topic's max.message.bytes, read before every attempt (dead-letter-limit.ts). */
  maxBytes?: () => number;
  onState?: (state: 'ok' | 'retrying', error?: unknown) => void;
  retry: RetryControl;
  log: Logger;
}

/** What a consumer's chunk handler needs to dead-letter: the producer, the topic's limit, and who hears of trouble. */
export interface DeadLetterOutlet {
  /** Produces one batch of dead letters (already within the topic's limit) in one request. */
  sendDeadLetters: (letters: DeadLetter[]) => Promise<void>;
  /** The dead-letter topic's max.message.bytes, read before every attempt (it may be re-read after a refusal). */
  deadLetterMaxBytes?: () => number;
  onDeadLetters?: (state: 'ok' | 'retrying', error?: unknown) => void;
  retry: RetryControl;
  log: Logger;
  now?: () => Date;
}

export async function sendDeadLetters(letters: DeadLetter[], deps: SendDeadLettersDeps): Promise<boolean> {
  let sentOriginals = 0;
  const sent = await retryUntilDone(
    async () => {
      while (sentOriginals < letters.length) {
        const batch = nextDeadLetterBatch(letters.slice(sentOriginals), deps.maxBytes?.() ?? KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
        await deps.send(batch.letters);
        sentOriginals += batch.originals;
      }
    },
    {
      ...deps.retry,
      onFailure: (error, attempt, delayMs) => {
        deps.onState?.('retrying', error);
        deps.log.warn('dead-letter produce failed, retrying', { attempt, delayMs, sent: sentOriginals, pending: letters.length - sentOriginals, error });
      },
    },
  );
  if (!sent.done) return false;
  deps.onState?.('ok');
  for (const letter of letters) deps.log.warn('message dead-lettered', letter.headers);
  return true;
}
