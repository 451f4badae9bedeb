import { describe, expect, it } from 'vitest';
import { bulkItemResults, classifyBulkItem } from '../../../../services/search-indexer/bulk-outcome.ts';

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
