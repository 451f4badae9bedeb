import { describe, expect, it } from 'vitest';
import { HOTEL_ROW_COLUMNS, readHotelRowPage, type RowQuery } from '../../../scripts/lib/platform-client/hotel-rows.ts';
import { rowToDocument } from '../../../services/search-indexer/contract.ts';

function fakeConnection(rows: Array<Record<string, unknown>>) {
  const calls: Array<{ sql: string; values: unknown[] }> = [];
  const connection = {
    async query(sql: string, values: unknown[]) {
      calls.push({ sql, values });
      return [rows, []];
    },
  } as unknown as RowQuery;
  return { connection, calls };
}

describe('hotel rows read from the host (verify, reindex, status)', () => {
  it('selects the timestamps as exact epoch milliseconds computed by the server, whatever the session time zone', () => {
    expect(HOTEL_ROW_COLUMNS).toContain('CAST(ROUND(UNIX_TIMESTAMP(created_at) * 1000) AS UNSIGNED) AS created_at');
    expect(HOTEL_ROW_COLUMNS).toContain('CAST(ROUND(UNIX_TIMESTAMP(updated_at) * 1000) AS UNSIGNED) AS updated_at');
    expect(HOTEL_ROW_COLUMNS).toMatch(/^id, name, city, stars, description, images, version, /);
  });

  it('reads a page after an id, and up to an id when given', async () => {
    const { connection, calls } = fakeConnection([]);
    await readHotelRowPage(connection, { afterId: 10, size: 5 });
    await readHotelRowPage(connection, { afterId: 10, upToId: 99, size: 5 });
    expect(calls.map((call) => [call.sql.replace(/^SELECT .* FROM/, 'SELECT … FROM'), call.values])).toEqual([
      ['SELECT … FROM hotels WHERE id > ? ORDER BY id LIMIT ?', [10, 5]],
      ['SELECT … FROM hotels WHERE id > ? AND id <= ? ORDER BY id LIMIT ?', [10, 99, 5]],
    ]);
  });

  it("gives rows the indexer's mapping turns into the document, milliseconds kept", async () => {
    const row = { id: 7, name: 'Harbour', city: 'Porto', stars: 4, description: null, version: 2, created_at: 1767261600123, updated_at: 1767261600999 };
    const { connection } = fakeConnection([row]);
    const [read] = await readHotelRowPage(connection, { afterId: 0, size: 1 });
    expect(rowToDocument(read!)).toMatchObject({ id: 7, created_at: '2026-01-01T10:00:00.123Z', updated_at: '2026-01-01T10:00:00.999Z' });
  });
});
