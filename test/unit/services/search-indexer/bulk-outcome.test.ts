import { describe, expect, it } from 'vitest';
import { bulkItemResults, classifyBulkItem, combinedOutcomes, requestRefusal } from '../../../../services/search-indexer/bulk-outcome.ts';

describe('classifyBulkItem', () => {
  it('treats success, and a delete of a missing document, as applied', () => {
    expect(classifyBulkItem('index', { status: 201 })).toEqual({ kind: 'applied' });
    expect(classifyBulkItem('delete', { status: 404 })).toEqual({ kind: 'applied' });
  });

  it('treats a version conflict as an expected stale replay, not an error', () => {
    expect(classifyBulkItem('index', { status: 409, error: { type: 'version_conflict_engine_exception' } })).toEqual({
      kind: 'stale',
    });
  });

  it('retries overload and server errors, rejects the rest', () => {
    expect(classifyBulkItem('index', { status: 429, error: { type: 'es_rejected_execution_exception' } }).kind).toBe('retry');
    expect(classifyBulkItem('index', { status: 503 }).kind).toBe('retry');
    expect(
      classifyBulkItem('index', { status: 400, error: { type: 'strict_dynamic_mapping_exception', reason: 'field [x]' } }),
    ).toEqual({ kind: 'rejected', reason: '400 strict_dynamic_mapping_exception: field [x]' });
  });
});

describe('bulkItemResults', () => {
  it('reads the operation of each response item in order', () => {
    expect(bulkItemResults([{ index: { status: 200 } }, { delete: { status: 404 } }])).toEqual([
      { operation: 'index', result: { status: 200 } },
      { operation: 'delete', result: { status: 404 } },
    ]);
  });
});

describe('retriable item failures', () => {
  it('retries a missing index and a write block instead of rejecting them', () => {
    expect(classifyBulkItem('index', { status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [hotels]' } }).kind).toBe('retry');
    expect(classifyBulkItem('delete', { status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [hotels]' } }).kind).toBe('retry');
    expect(classifyBulkItem('index', { status: 403, error: { type: 'cluster_block_exception', reason: 'blocked' } }).kind).toBe('retry');
  });

  it('retries a closed index (400 index_closed_exception) for both operations: it heals when the index is opened', () => {
    const closed = { status: 400, error: { type: 'index_closed_exception', reason: 'closed' } };
    expect(classifyBulkItem('index', closed)).toEqual({ kind: 'retry', reason: '400 index_closed_exception: closed' });
    expect(classifyBulkItem('delete', closed).kind).toBe('retry');
  });

  it('retries every state of the cluster that heals, whatever status it comes with', () => {
    const healing: Array<[number, string]> = [
      [429, 'es_rejected_execution_exception'],
      [429, 'circuit_breaking_exception'],
      [429, 'cluster_block_exception'],
      [503, 'unavailable_shards_exception'],
      [503, 'no_shard_available_action_exception'],
      [404, 'shard_not_found_exception'],
      [500, 'node_not_connected_exception'],
      [400, 'illegal_index_shard_state_exception'],
      [408, 'timeout_exception'],
      [503, 'master_not_discovered_exception'],
    ];
    for (const [status, type] of healing) expect(classifyBulkItem('index', { status, error: { type, reason: 'r' } }).kind, type).toBe('retry');
  });

  it('rejects only what is wrong with the document itself', () => {
    const documentErrors = ['mapper_parsing_exception', 'document_parsing_exception', 'strict_dynamic_mapping_exception', 'illegal_argument_exception'];
    for (const type of documentErrors) expect(classifyBulkItem('index', { status: 400, error: { type, reason: 'r' } }).kind, type).toBe('rejected');
  });
});

describe('combinedOutcomes', () => {
  it('gives each action written to two indices the worse outcome of its two items', () => {
    const items = [
      { index: { status: 201 } },
      { index: { status: 409, error: { type: 'version_conflict_engine_exception' } } },
      { index: { status: 201 } },
      { index: { status: 404, error: { type: 'index_not_found_exception', reason: 'no such index [hotels-v2]' } } },
      { index: { status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad' } } },
      { index: { status: 201 } },
    ];
    expect(combinedOutcomes(items, 2)).toEqual([
      { kind: 'applied' },
      { kind: 'retry', reason: '404 index_not_found_exception: no such index [hotels-v2]' },
      { kind: 'rejected', reason: '400 mapper_parsing_exception: bad' },
    ]);
  });
});

describe('requestRefusal', () => {
  const failure = (statusCode: number | undefined, type?: string) =>
    Object.assign(new Error('failed'), { statusCode, meta: { statusCode, body: type ? { error: { type, reason: 'why' } } : {} } });

  it('names a whole request refused with a 4xx', () => {
    expect(requestRefusal(failure(400, 'x_content_parse_exception'))).toBe('400 x_content_parse_exception: why');
    expect(requestRefusal(failure(413))).toBe('413 error: failed');
  });

  it('leaves transport errors, timeouts, overload, server errors and a missing index to the retry loop', () => {
    expect(requestRefusal(new Error('connect ECONNREFUSED'))).toBeUndefined();
    for (const status of [408, 429, 500, 503]) expect(requestRefusal(failure(status))).toBeUndefined();
    expect(requestRefusal(failure(404, 'index_not_found_exception'))).toBeUndefined();
  });

  it('leaves a closed index and a write block to the retry loop, at the top or as the root cause', () => {
    expect(requestRefusal(failure(400, 'index_closed_exception'))).toBeUndefined();
    expect(requestRefusal(failure(403, 'cluster_block_exception'))).toBeUndefined();
    const wrapped = Object.assign(new Error('failed'), {
      meta: { statusCode: 400, body: { error: { type: 'illegal_argument_exception', reason: 'r', root_cause: [{ type: 'index_closed_exception' }] } } },
    });
    expect(requestRefusal(wrapped)).toBeUndefined();
  });

  it('leaves connection errors without any status to the retry loop', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT']) expect(requestRefusal(Object.assign(new Error(code), { code }))).toBeUndefined();
    expect(requestRefusal(Object.assign(new Error('socket hang up'), { name: 'ConnectionError', meta: { statusCode: null, body: undefined } }))).toBeUndefined();
  });
});
