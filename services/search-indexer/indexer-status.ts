/**
 * What /healthz reports. The indexer is healthy while its consumer is in the
 * group: Elasticsearch being down, or the search index missing, shows as `degraded`
 * but stays 200, because restarting the indexer would fix neither — it already
 * waits and retries on its own. A missing index carries the problem and the fix
 * (`npm run reindex`), which `npm run status` prints.
 */
export interface SearchIndexStatus {
  alias: string;
  writeIndex: string | null;
  /** The index `npm run reindex` is filling, which the indexer writes to as well. */
  reindexTarget: string | null;
  problem: string | null;
  fix: string | null;
}

export interface IndexerStatus {
  consumer: 'starting' | 'running' | 'stopped' | 'crashed';
  elasticsearch: 'unknown' | 'ok' | 'retrying' | 'index missing';
  searchIndex: SearchIndexStatus;
  lastError: string | null;
  lastBatchAt: string | null;
  applied: number;
  stale: number;
  /** Dead letters since this process started; the DLQ topic holds all of them. */
  deadLettered: number;
  lastDeadLetterError: string | null;
}

export function initialStatus(alias = 'hotels'): IndexerStatus {
  return {
    consumer: 'starting',
    elasticsearch: 'unknown',
    searchIndex: { alias, writeIndex: null, reindexTarget: null, problem: null, fix: null },
    lastError: null,
    lastBatchAt: null,
    applied: 0,
    stale: 0,
    deadLettered: 0,
    lastDeadLetterError: null,
  };
}

export function healthOf(status: IndexerStatus): { httpStatus: number; state: 'ok' | 'degraded' | 'unavailable' } {
  if (status.consumer !== 'running') return { httpStatus: 503, state: 'unavailable' };
  return { httpStatus: 200, state: status.elasticsearch === 'ok' || status.elasticsearch === 'unknown' ? 'ok' : 'degraded' };
}
