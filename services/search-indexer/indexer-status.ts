/**
 * What /healthz reports. The indexer is healthy while its consumer is in the
 * group: Elasticsearch failing (down, the index closed or blocked), the search
 * index missing, or the dead-letter topic refusing what the indexer produces shows
 * as `degraded` with its causes but stays 200, because restarting the indexer would
 * fix none of them — it already waits and retries on its own, and the partition it
 * works on waits meanwhile. A missing index carries the problem and the fix
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
  /** Whether the last dead letters reached their topic; `retrying` while the producer keeps failing. */
  deadLetterProducer: 'unknown' | 'ok' | 'retrying';
  deadLetterProducerError: string | null;
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
    deadLetterProducer: 'unknown',
    deadLetterProducerError: null,
  };
}

export interface Health {
  httpStatus: number;
  state: 'ok' | 'degraded' | 'unavailable';
  /** Why the state is not `ok`, one sentence per cause. */
  causes: string[];
}

export function healthOf(status: IndexerStatus, dlqTopic = 'the dead-letter topic'): Health {
  const causes: string[] = [];
  if (status.consumer !== 'running') causes.push(`consumer ${status.consumer}${status.lastError ? `: ${status.lastError}` : ''}`);
  if (status.elasticsearch === 'index missing') causes.push(status.searchIndex.problem ?? 'the search index is missing');
  if (status.elasticsearch === 'retrying') causes.push(`writes to Elasticsearch are retried and the partition waits: ${status.lastError ?? 'no error recorded'}`);
  if (status.deadLetterProducer === 'retrying') {
    causes.push(`dead letters cannot be produced to ${dlqTopic} and the partition waits: ${status.deadLetterProducerError ?? 'no error recorded'}`);
  }
  if (status.consumer !== 'running') return { httpStatus: 503, state: 'unavailable', causes };
  return { httpStatus: 200, state: causes.length === 0 ? 'ok' : 'degraded', causes };
}
