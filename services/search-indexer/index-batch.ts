/**
 * One chunk of CDC messages → Elasticsearch, the heart of the indexer.
 *
 *  1. decode every message; undecodable ones are dead-lettered (stage "decode");
 *  2. keep the newest change per document id and send one bulk request;
 *  3. items Elasticsearch cannot take now (429/5xx) and transport failures are
 *     retried with backoff for as long as the consumer runs — never a crash;
 *     items it will never take (e.g. mapping errors) are dead-lettered (stage "index");
 *  4. dead letters are produced (retried the same way).
 * Only when all of that succeeded does it report `completed`, and only then does
 * the caller commit the offsets. Stopping midway returns `completed: false` and
 * commits nothing, so the chunk is redelivered (writes are idempotent).
 */
import type { Logger } from '../lib/logger.ts';
import { retryUntilDone, type RetryDeps } from '../lib/retry-until-done.ts';
import { classifyBulkItem, type BulkItemResult } from './bulk-outcome.ts';
import { latestPerId, type Planned } from './bulk-plan.ts';
import { decodeChange, type ChangeAction } from './change-event.ts';
import { buildDeadLetter, type DeadLetter, type SourceMessage } from './dead-letter.ts';

export interface IndexBatchDeps {
  bulk: (actions: ChangeAction[]) => Promise<Array<{ operation: 'index' | 'delete'; result: BulkItemResult }>>;
  sendDeadLetters: (letters: DeadLetter[]) => Promise<void>;
  retry: Omit<RetryDeps, 'onFailure'>;
  log: Logger;
  now?: () => Date;
  onElasticsearch?: (state: 'ok' | 'retrying', error?: unknown) => void;
}

export interface BatchStats {
  applied: number;
  stale: number;
  deadLettered: number;
}

export type BatchResult = { completed: true; stats: BatchStats } | { completed: false };

export async function indexBatch(messages: SourceMessage[], deps: IndexBatchDeps): Promise<BatchResult> {
  const now = deps.now ?? (() => new Date());
  const letters: DeadLetter[] = [];
  const planned: Planned<SourceMessage>[] = [];
  for (const message of messages) {
    const decoded = decodeChange(message.key, message.value);
    if (decoded.ok) planned.push({ action: decoded.action, source: message });
    else letters.push(buildDeadLetter(message, 'decode', decoded.reason, now()));
  }

  const stats: BatchStats = { applied: 0, stale: 0, deadLettered: 0 };
  let pending = latestPerId(planned);
  const indexed = await retryUntilDone(
    async () => {
      if (pending.length === 0) return;
      const results = await deps.bulk(pending.map((p) => p.action));
      if (results.length !== pending.length) throw new Error(`bulk answered ${results.length} items for ${pending.length}`);
      const again: Planned<SourceMessage>[] = [];
      let lastRetryReason = '';
      results.forEach(({ operation, result }, i) => {
        const item = pending[i]!;
        const outcome = classifyBulkItem(operation, result);
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
    const sent = await retryUntilDone(() => deps.sendDeadLetters(letters), {
      ...deps.retry,
      onFailure: (error, attempt, delayMs) =>
        deps.log.warn('dead-letter produce failed, retrying', { attempt, delayMs, error }),
    });
    if (!sent.done) return { completed: false };
    for (const letter of letters) {
      deps.log.warn('message dead-lettered', letter.headers);
    }
    stats.deadLettered = letters.length;
  }
  return { completed: true, stats };
}
