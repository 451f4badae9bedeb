import { describe, expect, it } from 'vitest';
import type { AvailabilityDocument } from '../../../services/lib/availability-document.ts';
import { backfillAvailability } from '../../../scripts/lib/reindex/availability-backfill.ts';
import { BackfillError } from '../../../scripts/lib/reindex/backfill.ts';

async function* rows<T>(items: T[]) {
  yield* items;
}
const nights = Array.from({ length: 5 }, (_, i) => ({ room_type_id: 11, night: `2027-03-1${i}`, available: 3 }));

describe('backfillAvailability: the inventory into a new availability index', () => {
  it('creates the room types, then the nights in pages, and counts what the indexer had written first (409)', async () => {
    const calls: AvailabilityDocument[][] = [];
    const progress = await backfillAvailability(
      'availability-mysql-v2',
      {
        roomTypes: async () => [{ id: 11, hotel_id: 3, capacity: 2, nightly_price_minor: 9_500, currency: 'EUR' }],
        roomNights: () => rows(nights),
        create: async (_index, documents) => (calls.push(documents), documents.map((d) => ({ status: d.kind === 'night' && d.night === '2027-03-12' ? 409 : 201 }))),
      },
      2,
    );
    expect(calls.map((page) => page.length)).toEqual([1, 2, 2, 1]);
    expect(progress).toEqual({ rows: 6, written: 5, newerInIndex: 1 });
  });

  it('stops with the document and Elasticsearch\'s reason when a write fails otherwise', async () => {
    const failing = backfillAvailability('availability-mysql-v2', {
      roomTypes: async () => [],
      roomNights: () => rows(nights.slice(0, 1)),
      create: async () => [{ status: 400, error: 'mapper_parsing_exception: bad' }],
    });
    await expect(failing).rejects.toThrow(BackfillError);
    await expect(failing).rejects.toThrow('night:11:2027-03-10 could not be written to availability-mysql-v2: 400 mapper_parsing_exception: bad');
  });
});
