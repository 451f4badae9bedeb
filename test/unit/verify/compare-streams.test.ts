import { describe, expect, it } from 'vitest';
import { compareStreams, differingFields, isClean, type ExpectedDocument, type IndexedDocument } from '../../../scripts/lib/verify/compare-streams.ts';
import { expectedDocument } from '../../../scripts/lib/verify/database-rows.ts';
import { indexedDocument } from '../../../scripts/lib/verify/index-documents.ts';
import { UserError } from '../../../scripts/lib/errors.ts';

/** A database row as mysql2 returns it from database-rows.ts's SELECT (timestamps in epoch ms). */
function row(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: `Hotel ${id}`, city: 'Porto', stars: 3, description: null, version: 1, created_at: 1_700_000_000_000, updated_at: 1_700_000_000_500, ...overrides };
}

/** The document the indexer writes for that row (Debezium's ISO timestamps, city_key from the city). */
function doc(id: number, overrides: Record<string, unknown> = {}): IndexedDocument {
  const source = { id, name: `Hotel ${id}`, city: 'Porto', city_key: 'porto', stars: 3, description: null, version: 1, created_at: '2023-11-14T22:13:20.000Z', updated_at: '2023-11-14T22:13:20.500Z', ...overrides };
  return { id, docId: String(id), source };
}

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

const rows = (...items: Record<string, unknown>[]): AsyncIterable<ExpectedDocument> => stream(items.map(expectedDocument));

describe('compareStreams', () => {
  it('finds no drift when every row has its document', async () => {
    const result = await compareStreams(rows(row(1), row(2), row(5)), stream([doc(1), doc(2), doc(5)]), { limit: 10 });
    expect(result).toMatchObject({ rows: 3, documents: 3 });
    expect(isClean(result)).toBe(true);
  });

  it('names rows missing from search, documents with no row, and documents that differ', async () => {
    const result = await compareStreams(
      rows(row(1), row(2), row(3), row(4, { version: 3 })),
      stream([doc(1), doc(3, { name: 'Renamed' }), doc(4, { version: 2 }), doc(9)]),
      { limit: 10 },
    );
    expect(isClean(result)).toBe(false);
    expect(result.rows).toBe(4);
    expect(result.documents).toBe(4);
    expect(result.drift.missing).toEqual({ count: 1, ids: [2] });
    expect(result.drift.extra).toEqual({ count: 1, ids: [9] });
    expect(result.drift.differing).toEqual({ count: 2, ids: [3, 4] });
    expect(result.differingFields).toEqual({ 3: ['name'], 4: ['version'] });
  });

  it('counts every id but lists only the first `limit` per kind', async () => {
    const result = await compareStreams(rows(row(1), row(2), row(3), row(4)), stream([]), { limit: 2 });
    expect(result.drift.missing).toEqual({ count: 4, ids: [1, 2] });
  });

  it('handles either side running out first', async () => {
    const onlyRows = await compareStreams(rows(row(7)), stream([doc(1), doc(2)]), { limit: 10 });
    expect(onlyRows.drift.extra.ids).toEqual([1, 2]);
    expect(onlyRows.drift.missing.ids).toEqual([7]);
    const empty = await compareStreams(rows(), stream([]), { limit: 10 });
    expect(empty).toMatchObject({ rows: 0, documents: 0 });
    expect(isClean(empty)).toBe(true);
  });

  it('reports a row the indexer mapping refuses, with the reason', async () => {
    const result = await compareStreams(rows(row(1, { name: '' })), stream([doc(1)]), { limit: 10 });
    expect(result.drift.unindexable).toEqual({ count: 1, ids: [1] });
    expect(result.problems[1]).toMatch(/name must be a non-empty string/);
    expect(result.drift.differing.count).toBe(0);
  });

  it('refuses a stream out of id order instead of reporting made-up drift', async () => {
    await expect(compareStreams(rows(row(1)), stream([doc(2), doc(1)]), { limit: 10 })).rejects.toThrow(/index documents are not in ascending id order: 1 after 2/);
    await expect(compareStreams(rows(row(3), row(3)), stream([]), { limit: 10 })).rejects.toThrow(/database rows are not in ascending id order/);
  });
});

describe('differingFields', () => {
  const expected = (overrides: Record<string, unknown> = {}) => {
    const mapped = expectedDocument(row(4, overrides));
    if (!('document' in mapped)) throw new Error(mapped.problem);
    return mapped.document;
  };

  it('uses the indexer mapping: city_key follows the city', () => {
    expect(differingFields(expected({ city: 'Lisbon' }), doc(4, { city: 'Lisbon', city_key: 'porto' }))).toEqual(['city_key']);
  });

  it("compares a hotel's images in order, and a document from before images existed as none", () => {
    const [a, b] = ['a'.repeat(64), 'b'.repeat(64)];
    expect(differingFields(expected({ images: `["${a}","${b}"]` }), doc(4, { images: [a, b] }))).toEqual([]);
    expect(differingFields(expected({ images: [a, b] }), doc(4, { images: [b, a] }))).toEqual(['images']);
    expect(differingFields(expected({ images: [a] }), doc(4))).toEqual(['images']);
    expect(differingFields(expected({ images: null }), doc(4))).toEqual([]);
  });

  it('compares dates as instants, and a missing description as null', () => {
    const { description: _omitted, ...withoutDescription } = doc(4, { created_at: '2023-11-14T22:13:20Z' }).source;
    expect(differingFields(expected(), { id: 4, docId: '4', source: withoutDescription })).toEqual([]);
    expect(differingFields(expected(), doc(4, { updated_at: '2023-11-14T22:13:21.500Z' }))).toEqual(['updated_at']);
  });

  it('flags a document stored under another _id, and a field the row does not have', () => {
    expect(differingFields(expected(), { ...doc(4), docId: '40' })).toEqual(['_id']);
    expect(differingFields(expected(), doc(4, { rating: 9 }))).toEqual(['rating']);
  });
});

describe('indexedDocument', () => {
  it('refuses a document with no integer id field, naming it and the fix', () => {
    expect(() => indexedDocument('hotels', 'abc', { name: 'x' })).toThrow(UserError);
    expect(() => indexedDocument('hotels', 'abc', { id: '5' })).toThrow(/document "abc" in index hotels has no integer id field/);
    expect(indexedDocument('hotels', '5', { id: 5 }).id).toBe(5);
  });
});
