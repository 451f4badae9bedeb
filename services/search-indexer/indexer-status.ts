/**
 * What /healthz reports. The indexer is healthy while its consumer is in the
 * group: Elasticsearch being down shows as `degraded` but stays 200, because
 * restarting the indexer would not bring Elasticsearch back — it already waits
 * and retries on its own.
 */
export interface IndexerStatus {
  consumer: 'starting' | 'running' | 'stopped' | 'crashed';
  elasticsearch: 'unknown' | 'ok' | 'retrying';
  lastError: string | null;
  lastBatchAt: string | null;
  applied: number;
  stale: number;
  deadLettered: number;
}

export function initialStatus(): IndexerStatus {
  return { consumer: 'starting', elasticsearch: 'unknown', lastError: null, lastBatchAt: null, applied: 0, stale: 0, deadLettered: 0 };
}

export function healthOf(status: IndexerStatus): { httpStatus: number; state: 'ok' | 'degraded' | 'unavailable' } {
  if (status.consumer !== 'running') return { httpStatus: 503, state: 'unavailable' };
  return { httpStatus: 200, state: status.elasticsearch === 'retrying' ? 'degraded' : 'ok' };
}
