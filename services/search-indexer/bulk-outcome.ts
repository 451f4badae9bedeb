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
  // Deleting a document that is not there leaves the index as intended.
  if (operation === 'delete' && status === 404) return { kind: 'applied' };
  if (status === 409) return { kind: 'stale' };
  const reason = `${status} ${item.error?.type ?? 'error'}: ${item.error?.reason ?? 'no reason given'}`;
  if (status === 429 || status >= 500) return { kind: 'retry', reason };
  return { kind: 'rejected', reason };
}

/** Reads the per-item results of a bulk response in request order. */
export function bulkItemResults(items: Array<Partial<Record<string, BulkItemResult>>>): Array<{ operation: 'index' | 'delete'; result: BulkItemResult }> {
  return items.map((item) => {
    if (item.delete) return { operation: 'delete', result: item.delete };
    const result = item.index ?? item.create ?? item.update;
    return { operation: 'index', result: result ?? { status: 500, error: { type: 'missing_item', reason: 'bulk response item is empty' } } };
  });
}
