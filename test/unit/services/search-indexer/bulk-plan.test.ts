import { describe, expect, it } from 'vitest';
import { chunk, esVersion, latestPerId, toBulkOperations } from '../../../../services/search-indexer/bulk-plan.ts';
import type { ChangeAction } from '../../../../services/search-indexer/change-event.ts';
import type { HotelDocument } from '../../../../services/lib/hotel-document.ts';

const doc = (id: number, version: number): HotelDocument => ({
  id,
  name: `h${id}`,
  city: 'Wien',
  city_key: 'wien',
  stars: 3,
  description: null,
  version,
  created_at: null,
  updated_at: null,
});
const upsert = (id: number, version: number): ChangeAction => ({ kind: 'upsert', id, version, document: doc(id, version) });
const del = (id: number, version?: number): ChangeAction => ({ kind: 'delete', id, version });
const plan = (...actions: ChangeAction[]) => actions.map((action, i) => ({ action, source: i }));

describe('esVersion', () => {
  it('uses the row version, and version + 1 for a delete so it outranks that last state', () => {
    expect(esVersion(upsert(1, 3))).toBe(3);
    expect(esVersion(del(1, 3))).toBe(4);
    expect(esVersion(del(1))).toBeUndefined();
  });
});

describe('latestPerId', () => {
  it('keeps the newest change per id, whatever the arrival order', () => {
    const kept = latestPerId(plan(upsert(1, 2), upsert(2, 1), upsert(1, 5), upsert(1, 4)));
    expect(kept.map((p) => [p.action.id, esVersion(p.action)])).toEqual([
      [1, 5],
      [2, 1],
    ]);
  });

  it('lets a delete of the last state win over that state, and a tombstone not win over a versioned delete', () => {
    expect(latestPerId(plan(upsert(1, 3), del(1, 3)))[0]!.action).toEqual(del(1, 3));
    expect(latestPerId(plan(del(1, 3), del(1)))[0]!.action).toEqual(del(1, 3));
    expect(latestPerId(plan(upsert(1, 3), del(1)))[0]!.action).toEqual(upsert(1, 3));
  });

  it('keeps the later message on equal versions (a redelivery)', () => {
    expect(latestPerId(plan(upsert(1, 3), upsert(1, 3)))[0]!.source).toBe(1);
  });
});

describe('toBulkOperations', () => {
  it('writes with external versions and the primary key as id', () => {
    expect(toBulkOperations(['hotels'], [upsert(7, 2), del(8, 4), del(9)])).toEqual([
      { index: { _index: 'hotels', _id: '7', version: 2, version_type: 'external' } },
      doc(7, 2),
      { delete: { _index: 'hotels', _id: '8', version: 5, version_type: 'external' } },
      { delete: { _index: 'hotels', _id: '9' } },
    ]);
  });
});

describe('toBulkOperations during a reindex', () => {
  it('writes each action to every target index, action by action, with the same version', () => {
    expect(toBulkOperations(['hotels-v1', 'hotels-v2'], [upsert(7, 2), del(8, 4)])).toEqual([
      { index: { _index: 'hotels-v1', _id: '7', version: 2, version_type: 'external' } },
      doc(7, 2),
      { index: { _index: 'hotels-v2', _id: '7', version: 2, version_type: 'external' } },
      doc(7, 2),
      { delete: { _index: 'hotels-v1', _id: '8', version: 5, version_type: 'external' } },
      { delete: { _index: 'hotels-v2', _id: '8', version: 5, version_type: 'external' } },
    ]);
  });
});

describe('chunk', () => {
  it('splits into bounded chunks', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
