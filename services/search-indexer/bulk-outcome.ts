/**
 * What one item of a bulk response means for the pipeline:
 * applied (or already in that state), stale (a newer version is indexed: the
 * expected result of a replay), retry (Elasticsearch is overloaded or failing),
 * or rejected (this document can never be indexed: dead-letter it).
 */
export type ItemOutcome =
  | { kind: 'applied' }
  | { kind: 'stale' }
  | { kind: 'retry'; reason: string }
  | { kind: 'rejected'; reason: string };

export interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string | null } | null;
}

export function classifyBulkItem(operation: 'index' | 'delete', item: BulkItemResult): ItemOutcome {
  const { status } = item;
  if (status >= 200 && status < 300) return { kind: 'applied' };
  // Deleting a document that is not there leaves the index as intended (but a missing index does not).
  if (operation === 'delete' && status === 404 && !RETRIABLE_TYPES.has(item.error?.type ?? '')) return { kind: 'applied' };
  if (status === 409) return { kind: 'stale' };
  const reason = `${status} ${item.error?.type ?? 'error'}: ${item.error?.reason ?? 'no reason given'}`;
  if (status === 429 || status >= 500 || RETRIABLE_TYPES.has(item.error?.type ?? '')) return { kind: 'retry', reason };
  return { kind: 'rejected', reason };
}

/**
 * Failures a later attempt can get past, whatever their status: the index is missing
 * (deleted; `npm run reindex` brings it back, and action.auto_create_index keeps a
 * write from re-creating it with a dynamic mapping) or blocked for writes (403, or
 * 429 for the flood-stage disk block). Dead-lettering them would drop valid changes.
 */
const RETRIABLE_TYPES = new Set(['index_not_found_exception', 'cluster_block_exception']);

const severity: Record<ItemOutcome['kind'], number> = { stale: 0, applied: 1, rejected: 2, retry: 3 };

/**
 * One action written to several indices (during a reindex) has one outcome: the
 * worst of its items. A retry is retried everywhere (the index that took it answers
 * 409 the second time, which is harmless); a rejection is dead-lettered; applied in
 * one index and stale in the other (the reindex wrote that version first) is applied.
 */
export function worstOutcome(outcomes: ItemOutcome[]): ItemOutcome {
  return outcomes.reduce((worst, next) => (severity[next.kind] > severity[worst.kind] ? next : worst));
}

/**
 * A whole bulk request refused with a 4xx (not an item): the request itself is wrong,
 * so sending it again gives the same answer. Returns the reason, or undefined for a
 * failure worth retrying: no answer at all (Elasticsearch down), 408, 429, 5xx, and
 * the retriable types above.
 */
export function requestRefusal(error: unknown): string | undefined {
  const status = (error as { statusCode?: number }).statusCode ?? (error as { meta?: { statusCode?: number } }).meta?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500 || status === 408 || status === 429) return undefined;
  const body = (error as { meta?: { body?: { error?: { type?: string; reason?: string } | string } } }).meta?.body;
  const detail = typeof body?.error === 'object' ? body.error : undefined;
  if (RETRIABLE_TYPES.has(detail?.type ?? '')) return undefined;
  return `${status} ${detail?.type ?? 'error'}: ${detail?.reason ?? (typeof body?.error === 'string' ? body.error : (error as Error).message)}`;
}

/**
 * The outcome per action of a bulk request built by toBulkOperations: `targets`
 * consecutive items belong to one action.
 */
export function combinedOutcomes(items: Array<Partial<Record<string, BulkItemResult>>>, targets: number): ItemOutcome[] {
  const results = bulkItemResults(items);
  const outcomes: ItemOutcome[] = [];
  for (let i = 0; i < results.length; i += targets) {
    outcomes.push(worstOutcome(results.slice(i, i + targets).map(({ operation, result }) => classifyBulkItem(operation, result))));
  }
  return outcomes;
}

/** Reads the per-item results of a bulk response in request order. */
export function bulkItemResults(items: Array<Partial<Record<string, BulkItemResult>>>): Array<{ operation: 'index' | 'delete'; result: BulkItemResult }> {
  return items.map((item) => {
    if (item.delete) return { operation: 'delete', result: item.delete };
    const result = item.index ?? item.create ?? item.update;
    return { operation: 'index', result: result ?? { status: 500, error: { type: 'missing_item', reason: 'bulk response item is empty' } } };
  });
}
