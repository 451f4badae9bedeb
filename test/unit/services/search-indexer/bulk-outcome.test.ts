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
});
