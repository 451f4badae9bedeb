import { describe, expect, it } from 'vitest';
import { searchIndexNames } from '../../../services/lib/search-index-names.ts';
import type { SearchIndexState } from '../../../services/search-indexer/search-index-state.ts';
import { planReindex, ReindexStateError } from '../../../scripts/lib/reindex/plan-reindex.ts';

const names = searchIndexNames('hotels');
const state = (aliases: Array<[alias: string, index: string]>, indices: string[]): SearchIndexState => ({
  aliases: aliases.map(([alias, index]) => ({ alias, index, is_write_index: alias === 'hotels' ? 'true' : '-' })),
  indices,
});

describe('planReindex', () => {
  it('fills the next versioned index and swaps the alias from the current one in one request', () => {
    expect(planReindex(state([['hotels', 'hotels-v1']], ['hotels-v1']), names)).toEqual({
      leftovers: [],
      target: 'hotels-v2',
      createTarget: true,
      markTarget: true,
      swap: [
        { remove: { index: 'hotels-v1', alias: 'hotels' } },
        { add: { index: 'hotels-v2', alias: 'hotels', is_write_index: true } },
        { remove: { index: 'hotels-v2', alias: 'hotels-reindex-target' } },
      ],
      replaced: ['hotels-v1'],
    });
  });

  it('rebuilds a deleted index: nothing to remove, the alias is added', () => {
    const plan = planReindex(state([], []), names);
    expect(plan.target).toBe('hotels-v1');
    expect(plan.swap).toEqual([
      { add: { index: 'hotels-v1', alias: 'hotels', is_write_index: true } },
      { remove: { index: 'hotels-v1', alias: 'hotels-reindex-target' } },
    ]);
    expect(plan.replaced).toEqual([]);
  });

  it('resumes an interrupted run with the index it marked, and drops unmarked leftovers', () => {
    const plan = planReindex(state([['hotels', 'hotels-v1'], ['hotels-reindex-target', 'hotels-v3']], ['hotels-v1', 'hotels-v2', 'hotels-v3']), names);
    expect(plan).toMatchObject({ leftovers: ['hotels-v2'], target: 'hotels-v3', createTarget: false, markTarget: false, replaced: ['hotels-v1'] });
  });

  it('numbers a new target past every leftover, so it never reuses an unmarked half-built index', () => {
    expect(planReindex(state([['hotels', 'hotels-v1']], ['hotels-v1', 'hotels-v4']), names)).toMatchObject({ leftovers: ['hotels-v4'], target: 'hotels-v5' });
  });

  it('replaces a concrete index named like the alias in the same atomic request', () => {
    expect(planReindex(state([], ['hotels']), names).swap[0]).toEqual({ remove_index: { index: 'hotels' } });
  });

  it('refuses a reindex alias over two indices rather than guess', () => {
    expect(() => planReindex(state([['hotels-reindex-target', 'hotels-v2'], ['hotels-reindex-target', 'hotels-v3']], ['hotels-v2', 'hotels-v3']), names)).toThrow(ReindexStateError);
  });
});
