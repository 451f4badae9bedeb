import { describe, expect, it } from 'vitest';
import { decodeChange } from '../../../../services/search-indexer/change-event.ts';

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
          version: 3,
          created_at: '2026-01-01T10:00:00.123Z',
          updated_at: '2026-01-02T10:00:00.000Z',
        },
      },
    });
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
