import { describe, expect, it } from 'vitest';
import { searchIndexNames } from '../../../../services/lib/search-index-names.ts';
import { planEnsureIndex } from '../../../../services/search-indexer/ensure-index.ts';
import type { SearchIndexState } from '../../../../services/search-indexer/search-index-state.ts';

const names = searchIndexNames('hotels');
const state = (aliases: Array<[alias: string, index: string, write?: boolean]>, indices: string[]): SearchIndexState => ({
  aliases: aliases.map(([alias, index, write]) => ({ alias, index, is_write_index: write === undefined ? '-' : String(write) })),
  indices,
});

describe('planEnsureIndex', () => {
  it('on a fresh stack creates the first versioned index behind the alias', () => {
    expect(planEnsureIndex(state([], []), names, false)).toEqual({ kind: 'create', index: 'hotels-v1' });
  });

  it('keeps the alias and its write index when they exist', () => {
    expect(planEnsureIndex(state([['hotels', 'hotels-v3', true]], ['hotels-v3']), names, true)).toEqual({ kind: 'ready', writeIndex: 'hotels-v3' });
  });

  it('moves a concrete index named like the alias into a versioned index, once', () => {
    expect(planEnsureIndex(state([], ['hotels']), names, true)).toEqual({ kind: 'migrate', from: 'hotels', to: 'hotels-v1' });
  });

  it('resumes an interrupted migration with the index it had created', () => {
    expect(planEnsureIndex(state([], ['hotels', 'hotels-v1']), names, true)).toEqual({ kind: 'migrate', from: 'hotels', to: 'hotels-v1' });
  });

  it('does not create an empty index when the group has indexed before: the index was lost, reindex is the fix', () => {
    const plan = planEnsureIndex(state([], []), names, true);
    expect(plan).toMatchObject({ kind: 'missing', fix: expect.stringContaining('npm run reindex') });
    expect(plan.kind === 'missing' && plan.problem).toContain('points at no index');
  });

  it('writes to the reindex target alone while a reindex rebuilds a deleted index', () => {
    expect(planEnsureIndex(state([['hotels-reindex-target', 'hotels-v2']], ['hotels-v2']), names, true)).toEqual({ kind: 'ready', writeIndex: null });
  });
});
