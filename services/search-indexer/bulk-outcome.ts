/**
 * What one item of a bulk response means for the pipeline:
 * applied (or already in that state), stale (a newer version is indexed: the
 * expected result of a replay), retry (a state of Elasticsearch that heals: it is
 * overloaded, failing, or the index is missing, closed or blocked), or rejected
 * (this document can never be indexed as it is: dead-letter it).
 *
 * The rule: only an error about the document itself is dead-lettered. Everything
 * a later attempt can get past is retried, because a dead letter drops a valid
 * change from search until someone runs `npm run reindex`.
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
  if (retriableStatus(status) || RETRIABLE_TYPES.has(item.error?.type ?? '')) return { kind: 'retry', reason };
  return { kind: 'rejected', reason };
}

/** Timeout, overload (429: a full queue, a tripped circuit breaker) and server errors heal with time. */
function retriableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Failures a later attempt can get past, whatever status Elasticsearch gives them
 * (several answer 4xx, which would otherwise read as "this document is wrong"):
 * - the index is missing (deleted; `npm run reindex` brings it back, and
 *   action.auto_create_index keeps a write from re-creating it with a dynamic
 *   mapping), closed (400 index_closed_exception until `_open`), or blocked for
 *   writes (cluster_block_exception: 403 for a read-only block, 429 for the
 *   flood-stage disk block);
 * - the node is busy (es_rejected_execution_exception, circuit_breaking_exception);
 * - a shard or node is not there right now (a restart, a recovery, a relocation,
 *   a master election): the types of the shard-level and transport failures.
 * Dead-lettering them would drop valid changes.
 */
const RETRIABLE_TYPES: ReadonlySet<string> = new Set([
  'index_not_found_exception',
  'index_closed_exception',
  'cluster_block_exception',
  'es_rejected_execution_exception',
  'circuit_breaking_exception',
  'unavailable_shards_exception',
  'no_shard_available_action_exception',
  'primary_missing_action_exception',
  'shard_not_found_exception',
  'illegal_index_shard_state_exception',
  'index_shard_closed_exception',
  'shard_not_in_primary_mode_exception',
  'retry_on_primary_exception',
  'retry_on_replica_exception',
  'node_not_connected_exception',
  'node_disconnected_exception',
  'node_closed_exception',
  'connect_transport_exception',
  'receive_timeout_transport_exception',
  'master_not_discovered_exception',
  'not_master_exception',
  'process_cluster_event_timeout_exception',
  'no_node_available_exception',
  'timeout_exception',
]);

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
 * failure worth retrying: no answer at all (Elasticsearch down, a connection reset,
 * a timeout), 408, 429, 5xx, and the retriable types above (at the top or as a root
 * cause: a closed index refuses the whole request with 400 index_closed_exception).
 */
export function requestRefusal(error: unknown): string | undefined {
  const status = (error as { statusCode?: number }).statusCode ?? (error as { meta?: { statusCode?: number } }).meta?.statusCode;
  if (typeof status !== 'number' || status < 400 || retriableStatus(status)) return undefined;
  const body = (error as { meta?: { body?: { error?: ErrorDetail | string } } }).meta?.body;
  const detail = typeof body?.error === 'object' ? body.error : undefined;
  const types = [detail?.type, ...(detail?.root_cause ?? []).map((cause) => cause.type)];
  if (types.some((type) => RETRIABLE_TYPES.has(type ?? ''))) return undefined;
  return `${status} ${detail?.type ?? 'error'}: ${detail?.reason ?? (typeof body?.error === 'string' ? body.error : (error as Error).message)}`;
}

interface ErrorDetail {
  type?: string;
  reason?: string;
  root_cause?: Array<{ type?: string }>;
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
