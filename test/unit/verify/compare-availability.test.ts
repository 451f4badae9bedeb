import { describe, expect, it } from 'vitest';
import { compareAvailability, type ExpectedAvailability } from '../../../scripts/lib/verify/compare-availability.ts';

const roomType = { kind: 'room_type', room_type_id: 11, hotel_id: 3, capacity: 2, nightly_price_minor: 9_500, currency: 'EUR' } as const;
const night = (date: string, available: number) => ({ kind: 'night', room_type_id: 11, night: date, available }) as const;
const expected: ExpectedAvailability[] = [
  { id: 'room_type:11', document: roomType },
  { id: 'night:11:2027-03-10', document: night('2027-03-10', 2) },
  { id: 'night:11:2027-03-11', document: night('2027-03-11', 0) },
];
const indexed = (docs: ExpectedAvailability[]) => docs.flatMap((d) => ('document' in d ? [{ id: d.id, source: { ...d.document } as Record<string, unknown> }] : []));

describe('compareAvailability: the inventory against date search\'s index', () => {
  it('clean when every row has its document as the indexer writes it, and no document is left over', () => {
    const result = compareAvailability(expected, indexed(expected), { limit: 10 });
    expect(result).toMatchObject({ rows: 3, documents: 3 });
    expect(Object.values(result.drift).map((d) => d.count)).toEqual([0, 0, 0, 0]);
  });

  it('names each kind of drift: a night missing, one whose rooms differ, a document with no row, a row the indexer refuses', () => {
    const documents = indexed(expected).filter((d) => d.id !== 'night:11:2027-03-10');
    documents.find((d) => d.id === 'night:11:2027-03-11')!.source.available = 1;
    documents.push({ id: 'night:99:2027-03-10', source: { ...night('2027-03-10', 1), room_type_id: 99 } });
    const rows: ExpectedAvailability[] = [...expected, { id: 'room_type:12', problem: 'row is not a valid room type: currency must be three capital letters' }];
    const result = compareAvailability(rows, documents, { limit: 10 });
    expect(result.drift).toEqual({
      missing: { count: 1, ids: ['night:11:2027-03-10'] },
      extra: { count: 1, ids: ['night:99:2027-03-10'] },
      differing: { count: 1, ids: ['night:11:2027-03-11'] },
      unindexable: { count: 1, ids: ['room_type:12'] },
    });
    expect(result.differingFields).toEqual({ 'night:11:2027-03-11': ['available'] });
  });

  it('counts every drift but lists at most `limit` ids per kind, in reading order', () => {
    const result = compareAvailability(expected, [], { limit: 2 });
    expect(result.drift.missing).toEqual({ count: 3, ids: ['night:11:2027-03-10', 'night:11:2027-03-11'] });
  });
});
