/**
 * Maps failures of MySQL or Elasticsearch to what the client should see: a
 * dependency that cannot be reached is 503 (retry later), anything else is 500.
 */
import { HttpError } from '../kit/http-error.ts';

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
]);
const unreachableNames = new Set(['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError']);

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const { code, name } = (error ?? {}) as { code?: string; name?: string };
  if ((code && unreachableCodes.has(code)) || (name && unreachableNames.has(name))) {
    return new HttpError(503, 'dependency_unavailable', 'a backing service (MySQL or Elasticsearch) is unreachable; retry shortly');
  }
  if (isMissingIndex(error)) {
    return new HttpError(503, 'search_index_missing', 'the search index does not exist yet; search-indexer creates it at start');
  }
  return new HttpError(500, 'internal_error', 'unexpected error; see the service log for the request id');
}

function isMissingIndex(error: unknown): boolean {
  const meta = (error as { meta?: { body?: { error?: { type?: string } } } })?.meta;
  return meta?.body?.error?.type === 'index_not_found_exception';
}
