import { describe, expect, it } from 'vitest';
import { searchIndexNames, nextVersionedIndex, generationOf, autoCreateIndexSetting } from '../../../../services/lib/search-index-names.ts';
import { resolveTargets } from '../../../../services/search-indexer/index-targets.ts';

const names = searchIndexNames('hotels');

describe('resolveTargets', () => {
  it('writes to the alias write index, and to the reindex target while a reindex runs', () => {
    expect(resolveTargets([{ alias: 'hotels', index: 'hotels-v1', is_write_index: 'true' }], names)).toEqual({
      ok: true,
      writeIndex: 'hotels-v1',
      reindexTarget: null,
      indices: ['hotels-v1'],
    });
    const rows = [
      { alias: 'hotels', index: 'hotels-v1', is_write_index: 'true' },
      { alias: 'hotels-reindex-target', index: 'hotels-v2', is_write_index: '-' },
    ];
    expect(resolveTargets(rows, names)).toMatchObject({ ok: true, indices: ['hotels-v1', 'hotels-v2'] });
  });

  it('picks the flagged write index when the alias points at several', () => {
    const rows = [
      { alias: 'hotels', index: 'hotels-v1', is_write_index: 'false' },
      { alias: 'hotels', index: 'hotels-v2', is_write_index: 'true' },
    ];
    expect(resolveTargets(rows, names)).toMatchObject({ ok: true, indices: ['hotels-v2'] });
  });

  it('reports a missing alias with the reindex fix instead of letting a write create an index', () => {
    const targets = resolveTargets([], names);
    expect(targets).toMatchObject({ ok: false, fix: expect.stringContaining('npm run reindex') });
  });
});

describe('search index names', () => {
  it('numbers versioned indices after the highest that exists, ignoring other names', () => {
    expect(nextVersionedIndex(names, [])).toBe('hotels-v1');
    expect(nextVersionedIndex(names, ['hotels', 'hotels-v2', 'hotels-v10', 'hotels-vx', 'hotels-reindex-target'])).toBe('hotels-v11');
    expect(generationOf(names, 'hotels-v01')).toBeUndefined();
  });

  it('keeps writes from auto-creating any search index, and only those', () => {
    expect(autoCreateIndexSetting(names)).toBe('-hotels*,+*');
  });
});
