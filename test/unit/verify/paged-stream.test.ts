import { describe, expect, it } from 'vitest';
import { nextCursor, pagedStream, type Page } from '../../../scripts/lib/verify/paged-stream.ts';
import { readDatabaseRows, type RowQuery } from '../../../scripts/lib/verify/database-rows.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('pagedStream', () => {
  it('reads page after page from the cursor each page gives, until a page has none', async () => {
    const asked: (number | undefined)[] = [];
    const pages: Record<string, Page<number, number>> = {
      start: { items: [1, 2], next: 2 },
      2: { items: [3, 4], next: 4 },
      4: { items: [5], next: undefined },
    };
    const items = await collect(pagedStream<number, number>(async (after) => {
      asked.push(after);
      return pages[after ?? 'start']!;
    }));
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 2, 4]);
  });

  it('asks for the next page before the caller has read the current one', async () => {
    const asked: (number | undefined)[] = [];
    const stream = pagedStream<number, number>(async (after) => {
      asked.push(after);
      return after === undefined ? { items: [1, 2], next: 2 } : { items: [3], next: undefined };
    });
    await stream.next();
    expect(asked).toEqual([undefined, 2]);
    await stream.return();
  });

  it('passes a failing page on to the reader', async () => {
    const stream = pagedStream<number, number>(async (after) => {
      if (after !== undefined) throw new Error('connection reset');
      return { items: [1], next: 1 };
    });
    await expect(collect(stream)).rejects.toThrow('connection reset');
  });
});

describe('nextCursor', () => {
  it('continues after a full page and stops after a short one', () => {
    expect(nextCursor([{ id: 3 }, { id: 9 }], 2, (item) => item.id)).toBe(9);
    expect(nextCursor([{ id: 3 }], 2, (item) => item.id)).toBeUndefined();
    expect(nextCursor([], 2, (item: { id: number }) => item.id)).toBeUndefined();
  });
});

describe('readDatabaseRows', () => {
  it('pages by keyset (id > last id of the previous page), in id order', async () => {
    const table = [1, 2, 5, 8, 13].map((id) => ({ id, name: `Hotel ${id}`, city: 'Porto', stars: 3, description: null, version: 1, created_at: 0, updated_at: 0 }));
    const calls: unknown[][] = [];
    const connection = {
      async query(sql: string, [after, size]: [number, number]) {
        calls.push([after, size]);
        expect(sql).toMatch(/WHERE id > \? ORDER BY id LIMIT \?/);
        return [table.filter((r) => r.id > after).slice(0, size), []];
      },
    } as unknown as RowQuery;
    const rows = await collect(readDatabaseRows(connection, 2));
    expect(rows.map((r) => r.id)).toEqual([1, 2, 5, 8, 13]);
    expect(calls).toEqual([[0, 2], [2, 2], [8, 2]]);
  });
});
