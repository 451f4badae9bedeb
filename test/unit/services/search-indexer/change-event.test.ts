import { describe, expect, it } from 'vitest';
import { decodeChange, readChangeMessage } from '../../../../services/search-indexer/change-event.ts';

const row = {
  id: 42,
  name: 'Hotel Sacher',
  city: 'Wien',
  stars: 5,
  description: null,
  version: 3,
  created_at: '2026-01-01T10:00:00.123Z',
  updated_at: '2026-01-02T10:00:00Z',
  __op: 'u',
  __source_ts_ms: 1767348000000,
  __deleted: 'false',
};
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('decodeChange', () => {
  it('turns a create/update/snapshot row into an upsert of the document', () => {
    const decoded = decodeChange(json({ id: 42 }), json(row));
    expect(decoded).toEqual({
      ok: true,
      action: {
        kind: 'upsert',
        id: 42,
        version: 3,
        document: {
          id: 42,
          name: 'Hotel Sacher',
          city: 'Wien',
          city_key: 'wien',
          stars: 5,
          description: null,
          images: [],
          version: 3,
          created_at: '2026-01-01T10:00:00.123Z',
          updated_at: '2026-01-02T10:00:00.000Z',
        },
      },
    });
  });

  it("carries the hotel's images: JSON text as Debezium sends the column, or an array; a malformed list is poison", () => {
    const hash = 'ab'.repeat(32);
    const documentOf = (images: unknown) => {
      const decoded = decodeChange(json({ id: 42 }), json({ ...row, images }));
      return decoded.ok && decoded.action.kind === 'upsert' ? decoded.action.document.images : decoded;
    };
    expect(documentOf(`["${hash}"]`)).toEqual([hash]);
    expect(documentOf([hash])).toEqual([hash]);
    expect(documentOf(null)).toEqual([]);
    expect(documentOf('["../../etc/passwd"]')).toMatchObject({ ok: false });
    expect(documentOf('{"a":1}')).toMatchObject({ ok: false });
  });

  it('turns a rewritten delete (__deleted=true) into a delete carrying the last version', () => {
    expect(decodeChange(json({ id: 42 }), json({ ...row, __op: 'd', __deleted: 'true' }))).toEqual({
      ok: true,
      action: { kind: 'delete', id: 42, version: 3 },
    });
  });

  it('turns a tombstone into an unversioned delete by key', () => {
    expect(decodeChange(json({ id: 42 }), null)).toEqual({ ok: true, action: { kind: 'delete', id: 42, version: undefined } });
  });

  it('accepts epoch-millisecond timestamps and numeric-string ids', () => {
    const decoded = decodeChange(null, json({ ...row, id: '42', created_at: 1767261600123 }));
    expect(decoded.ok && decoded.action.kind === 'upsert' && decoded.action.document.created_at).toBe(
      '2026-01-01T10:00:00.123Z',
    );
  });

  it.each([
    ['value is not JSON', json({ id: 1 }), Buffer.from('{nope')],
    ['schema envelope', json({ id: 1 }), json({ schema: {}, payload: {} })],
    ['key id 1 differs from value id 42', json({ id: 1 }), json(row)],
    ['stars must be a non-negative integer', null, json({ ...row, stars: 'five' })],
    ['tombstone without a key id', null, null],
    ['version must be', null, json({ ...row, version: undefined })],
  ])('reports a poison message: %s', (reason, key, value) => {
    const decoded = decodeChange(key, value);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.reason).toContain(reason);
  });
});

// One decoder for every reader (the indexer, the console, the smoke test's watcher): each shape once.
describe('readChangeMessage', () => {
  const columns = { id: 42, name: 'Hotel Sacher', city: 'Wien', stars: 5, description: null, version: 3, created_at: row.created_at, updated_at: row.updated_at };

  it('reads a row without the fields the SMT adds, with its op', () => {
    expect(readChangeMessage(json({ id: 42 }), json(row))).toEqual({ kind: 'row', key: { fields: { id: 42 } }, op: 'u', deleted: false, row: columns });
  });

  it.each([
    ['__deleted "true" (the rewrite mode)', { ...row, __op: 'd', __deleted: 'true' }],
    ['__deleted true (a boolean)', { ...row, __op: 'd', __deleted: true }],
    ['__op "d" alone (no __deleted field)', { ...columns, __op: 'd' }],
    ['__op "d" with __deleted "false"', { ...row, __op: 'd', __deleted: 'false' }],
    ['__deleted "true" without __op', { ...columns, __deleted: 'true' }],
  ])('reads a delete marked by %s', (_, value) => {
    const message = readChangeMessage(json({ id: 42 }), json(value));
    expect(message).toMatchObject({ kind: 'row', deleted: true, row: columns });
  });

  it.each([
    ['c', false],
    ['r', false],
    ['u', false],
  ])('reads op %s as no delete', (op, deleted) => {
    expect(readChangeMessage(null, json({ ...row, __op: op }))).toMatchObject({ kind: 'row', op, deleted });
  });

  it('reads a null or empty value as a tombstone, with or without a key', () => {
    expect(readChangeMessage(json({ id: 42 }), null)).toEqual({ kind: 'tombstone', key: { fields: { id: 42 } } });
    expect(readChangeMessage(json({ id: 42 }), Buffer.alloc(0))).toEqual({ kind: 'tombstone', key: { fields: { id: 42 } } });
    expect(readChangeMessage(null, null)).toEqual({ kind: 'tombstone', key: { fields: undefined } });
  });

  it('says why a value is not a row, and keeps its text', () => {
    expect(readChangeMessage(null, Buffer.from('not json'))).toMatchObject({ kind: 'undecodable', text: 'not json', reason: expect.stringContaining('value is not JSON') });
    expect(readChangeMessage(null, json([1]))).toMatchObject({ kind: 'undecodable', reason: 'value is not a JSON object' });
    expect(readChangeMessage(null, json({ schema: {}, payload: {} }))).toMatchObject({ kind: 'undecodable', reason: expect.stringContaining('schema envelope') });
  });

  it('reports a key that is not a JSON object beside the value it still reads', () => {
    expect(readChangeMessage(Buffer.from('{nope'), json(row))).toMatchObject({ kind: 'row', key: { fields: undefined, problem: expect.stringContaining('key is not JSON') } });
    expect(decodeChange(Buffer.from('{nope'), json(row))).toMatchObject({ ok: false, reason: expect.stringContaining('key is not JSON') });
  });

  it('deletes by __op "d" in the indexer too', () => {
    expect(decodeChange(json({ id: 42 }), json({ ...columns, __op: 'd' }))).toEqual({ ok: true, action: { kind: 'delete', id: 42, version: 3 } });
  });
});
