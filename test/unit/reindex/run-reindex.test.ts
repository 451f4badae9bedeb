import { describe, expect, it } from 'vitest';
import { searchIndexNames } from '../../../services/lib/search-index-names.ts';
import type { HotelDocument } from '../../../services/lib/hotel-document.ts';
import type { SearchIndexState } from '../../../services/search-indexer/search-index-state.ts';
import { backfill, BackfillError } from '../../../scripts/lib/reindex/backfill.ts';
import { runReindex, type SearchStore } from '../../../scripts/lib/reindex/run-reindex.ts';

const names = searchIndexNames('hotels');
const row = (id: number, version = 1) => ({ id, name: `Hotel ${id}`, city: ' Graz ', stars: 3, description: null, version, created_at: 1_767_225_600_000, updated_at: null });

/** A database of `count` rows read by keyset pages, recording each page's lower bound; `onRead` may insert more. */
function database(count: number, onRead: (rows: Array<ReturnType<typeof row>>) => void = () => {}) {
  const pages: number[] = [];
  const rows = Array.from({ length: count }, (_, i) => row(i + 1));
  return {
    pages,
    rows,
    maxId: async () => Math.max(0, ...rows.map((r) => r.id)),
    readPage: async (afterId: number, upToId: number, size: number) => {
      pages.push(afterId);
      onRead(rows);
      return rows.filter((r) => r.id > afterId && r.id <= upToId).slice(0, size);
    },
  };
}

/** An in-memory search store with external versions: a write with a version not above the stored one is a 409. */
function memoryStore(initial: SearchIndexState) {
  const log: string[] = [];
  const state = structuredClone(initial);
  const docs = new Map<string, Map<number, HotelDocument>>(state.indices.map((i) => [i, new Map()]));
  const store: SearchStore = {
    state: async () => structuredClone(state),
    deleteIndex: async (index) => {
      log.push(`delete ${index}`);
      state.indices = state.indices.filter((i) => i !== index);
      state.aliases = state.aliases.filter((a) => a.index !== index);
      docs.delete(index);
    },
    createIndex: async (index) => {
      log.push(`create ${index}`);
      state.indices.push(index);
      docs.set(index, new Map());
    },
    addAlias: async (index, alias) => {
      log.push(`alias ${alias} → ${index}`);
      state.aliases.push({ alias, index });
    },
    write: async (index, documents) =>
      documents.map((document) => {
        const stored = docs.get(index)!;
        const current = stored.get(document.id);
        if (current && current.version >= document.version) return { status: 409 };
        stored.set(document.id, document);
        return { status: 201 };
      }),
    makeSearchable: async (index, interval) => void log.push(`refresh ${index} ${interval}`),
    updateAliases: async (actions) => void log.push(`aliases ${JSON.stringify(actions)}`),
    count: async () => [...docs.values()].at(-1)?.size ?? 0,
  };
  return { store, log, docs };
}

describe('backfill', () => {
  it('reads keyset pages after the last id, maps rows with the indexer mapping, and counts what the indexer wrote first', async () => {
    const db = database(5);
    const writes: HotelDocument[][] = [];
    const progress = await backfill('hotels-v2', {
      readPage: db.readPage,
      maxId: db.maxId,
      write: async (_index, documents) => {
        writes.push(documents);
        return documents.map((d) => ({ status: d.id === 4 ? 409 : 201 }));
      },
    }, 2);
    expect(db.pages).toEqual([0, 2, 4, 5]);
    expect(progress).toEqual({ rows: 5, written: 4, newerInIndex: 1 });
    expect(writes[0]![0]).toMatchObject({ id: 1, city_key: 'graz', version: 1, created_at: '2026-01-01T00:00:00.000Z' });
  });

  it('stops with the hotel and the error when Elasticsearch refuses a document', async () => {
    const db = database(1);
    await expect(backfill('hotels-v2', { readPage: db.readPage, maxId: db.maxId, write: async () => [{ status: 400, error: 'mapper_parsing_exception: bad' }] })).rejects.toThrow(
      new BackfillError('hotel 1 could not be written to hotels-v2: 400 mapper_parsing_exception: bad'),
    );
  });
});

describe('backfill under a steady stream of inserts', () => {
  it('stops at the highest id it saw at the start: later rows are the indexer\'s, and the stream never keeps it going', async () => {
    // Every read inserts a row, as a busy database does while the reindex pages through it.
    const db = database(3, (rows) => rows.push(row(rows.length + 1)));
    const progress = await backfill('hotels-v2', { readPage: db.readPage, maxId: db.maxId, write: async (_i, d) => d.map(() => ({ status: 201 })) }, 1);
    expect(progress.rows).toBe(3);
    expect(db.pages).toEqual([0, 1, 2, 3]);
  });
});

describe('runReindex', () => {
  it('marks the new index before reading the database, swaps after filling it, then drops the old one', async () => {
    const { store, log } = memoryStore({ aliases: [{ alias: 'hotels', index: 'hotels-v1', is_write_index: 'true' }], indices: ['hotels-v1'] });
    const result = await runReindex({ store, ...database(3), names, refreshInterval: '250ms', report: () => {} });
    expect(log).toEqual([
      'create hotels-v2',
      'alias hotels-reindex-target → hotels-v2',
      'refresh hotels-v2 250ms',
      expect.stringMatching(/^aliases .*"remove":\{"index":"hotels-v1","alias":"hotels"\}.*"add":\{"index":"hotels-v2"/),
      'delete hotels-v1',
    ]);
    expect(result).toMatchObject({ target: 'hotels-v2', replaced: ['hotels-v1'], resumed: false, backfill: { rows: 3, written: 3, newerInIndex: 0 } });
  });

  it('keeps a newer version the indexer wrote to the target while the backfill read an older row', async () => {
    const { store, docs } = memoryStore({ aliases: [{ alias: 'hotels-reindex-target', index: 'hotels-v2' }], indices: ['hotels-v2'] });
    // The indexer got version 7 of hotel 2 into the marked target before the backfill read version 1.
    await store.write('hotels-v2', [{ ...(await import('../../../services/search-indexer/row-to-document.ts')).rowToDocument(row(2, 7)) }]);
    const result = await runReindex({ store, ...database(3), names, refreshInterval: '1s', report: () => {} });
    expect(result).toMatchObject({ resumed: true, backfill: { rows: 3, written: 2, newerInIndex: 1 } });
    expect(docs.get('hotels-v2')!.get(2)!.version).toBe(7);
  });
});
