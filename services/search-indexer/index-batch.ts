/**
 * One chunk of CDC messages → Elasticsearch, the heart of the indexer.
 *
 *  1. decode every message; undecodable ones are dead-lettered (stage "decode");
 *  2. keep the newest change per document id and send one bulk request;
 *  3. items Elasticsearch cannot take now (429/5xx, index missing, write block) and
 *     transport failures are retried with backoff for as long as the consumer runs —
 *     never a crash, never a dead letter; items it will never take (e.g. mapping
 *     errors) are dead-lettered (stage "index"). A whole request refused with a 4xx
 *     is tried `maxRequestRefusals` times, then its messages are dead-lettered with
 *     that error: the same request gets the same answer, and retrying it forever
 *     would stall the partition with nothing but a log line to show for it. Dead
 *     letters are counted in the health detail and `npm run status`, keep the
 *     original message for a replay, and `npm run reindex` repairs search from the
 *     database meanwhile;
 *  4. dead letters go out by the kit's policy (services/kit/kafka/send-dead-letters.ts):
 *     in batches the topic accepts, each retried the same way and never sent again
 *     once the broker took it; while the producer keeps failing, onDeadLetters
 *     reports it (health turns degraded).
 * Only when all of that succeeded does it report `completed`, and only then does
 * the caller commit the offsets. Stopping midway returns `completed: false` and
 * commits nothing, so the chunk is redelivered (writes are idempotent).
 */
import { buildDeadLetter, type DeadLetter, type SourceMessage } from '../kit/kafka/dead-letter.ts';
import { sendDeadLetters, type DeadLetterOutlet } from '../kit/kafka/send-dead-letters.ts';
import { retryUntilDone } from '../kit/retry.ts';
import { requestRefusal, type ItemOutcome } from './bulk-outcome.ts';
import { latestPerId, type Planned } from './bulk-plan.ts';
import { decodeChange, type ChangeAction } from './change-event.ts';

/**
 * How a pipeline reads its messages: what a message means for the index, and which of a
 * chunk's actions to send (one per document). The hotels' by default; date search's
 * availability (availability-change.ts) has its own.
 */
export interface ChangeReader<A> {
  decode: (message: SourceMessage) => { ok: true; action: A } | { ok: false; reason: string };
  latest: (planned: Planned<SourceMessage, A>[]) => Planned<SourceMessage, A>[];
}

export const hotelChanges: ChangeReader<ChangeAction> = {
  decode: (message) => decodeChange(message.key, message.value),
  latest: latestPerId,
};

export interface IndexBatchDeps<A = ChangeAction> extends DeadLetterOutlet {
  /** One outcome per action, in order (combinedOutcomes in bulk-outcome.ts). */
  bulk: (actions: A[]) => Promise<ItemOutcome[]>;
  /** hotelChanges unless given. */
  changes?: ChangeReader<A>;
  onElasticsearch?: (state: 'ok' | 'retrying', error?: unknown) => void;
  /** How often a whole request may be refused with a 4xx before its messages are dead-lettered. */
  maxRequestRefusals?: number;
}

export const DEFAULT_MAX_REQUEST_REFUSALS = 3;

export interface BatchStats {
  applied: number;
  stale: number;
  deadLettered: number;
  /** Why the last message of the batch was dead-lettered, if any was. */
  lastDeadLetterReason?: string;
}

export type BatchResult = { completed: true; stats: BatchStats } | { completed: false };

export async function indexBatch<A = ChangeAction>(messages: SourceMessage[], deps: IndexBatchDeps<A>): Promise<BatchResult> {
  const now = deps.now ?? (() => new Date());
  const changes = deps.changes ?? (hotelChanges as unknown as ChangeReader<A>);
  const letters: DeadLetter[] = [];
  const planned: Planned<SourceMessage, A>[] = [];
  for (const message of messages) {
    const decoded = changes.decode(message);
    if (decoded.ok) planned.push({ action: decoded.action, source: message });
    else letters.push(buildDeadLetter(message, 'decode', decoded.reason, now()));
  }

  const stats: BatchStats = { applied: 0, stale: 0, deadLettered: 0 };
  let pending = changes.latest(planned);
  let refusals = 0;
  const indexed = await retryUntilDone(
    async () => {
      if (pending.length === 0) return;
      let outcomes: ItemOutcome[];
      try {
        outcomes = await deps.bulk(pending.map((p) => p.action));
      } catch (error) {
        const refusal = requestRefusal(error);
        if (refusal === undefined || ++refusals < (deps.maxRequestRefusals ?? DEFAULT_MAX_REQUEST_REFUSALS)) throw error;
        const reason = `bulk request refused ${refusals} times: ${refusal}`;
        for (const item of pending) letters.push(buildDeadLetter(item.source, 'index', reason, now()));
        pending = [];
        deps.log.error('bulk request refused for good; its messages are dead-lettered', { reason, messages: letters.length });
        return;
      }
      if (outcomes.length !== pending.length) throw new Error(`bulk answered ${outcomes.length} items for ${pending.length}`);
      const again: Planned<SourceMessage, A>[] = [];
      let lastRetryReason = '';
      outcomes.forEach((outcome, i) => {
        const item = pending[i]!;
        if (outcome.kind === 'applied') stats.applied++;
        else if (outcome.kind === 'stale') stats.stale++;
        else if (outcome.kind === 'rejected') letters.push(buildDeadLetter(item.source, 'index', outcome.reason, now()));
        else {
          again.push(item);
          lastRetryReason = outcome.reason;
        }
      });
      pending = again;
      if (again.length > 0) throw new Error(`${again.length} bulk items must be retried; last: ${lastRetryReason}`);
      deps.onElasticsearch?.('ok');
    },
    {
      ...deps.retry,
      onFailure: (error, attempt, delayMs) => {
        deps.onElasticsearch?.('retrying', error);
        deps.log.warn('elasticsearch bulk failed, retrying', { attempt, delayMs, pending: pending.length, error });
      },
    },
  );
  if (!indexed.done) return { completed: false };

  if (letters.length > 0) {
    const sent = await sendDeadLetters(letters, {
      send: deps.sendDeadLetters,
      maxBytes: deps.deadLetterMaxBytes,
      onState: deps.onDeadLetters,
      retry: deps.retry,
      log: deps.log,
    });
    if (!sent) return { completed: false };
    stats.deadLettered = letters.length;
    stats.lastDeadLetterReason = letters[letters.length - 1]!.headers['dlq.error.message'];
  }
  return { completed: true, stats };
}
