/**
 * `npm run reindex` as a plan computed from what Elasticsearch holds now, so every
 * run (the first, or one after an interrupted run) reads the state and does what is
 * left, in this order:
 *
 *  1. drop leftovers: versioned indices neither alias points at (an earlier run cut
 *     short after creating its index but before marking it, or after the swap but
 *     before dropping the old index). Nothing reads or writes them.
 *  2. the target: the index the reindex alias marks (an earlier run cut short while
 *     filling it: filling again is idempotent) or a new `<alias>-v<N+1>`, created with
 *     the mapping and refresh off while it fills, then marked with the reindex alias.
 *     From the moment it is marked the indexer writes every change to it as well
 *     (services/search-indexer/index-targets.ts).
 *  3. backfill from the database (backfill.ts), after the mark: a change committed
 *     before the mark is in the rows read; one committed after it reaches the target
 *     through the indexer. Both writers use the row version as external version, so
 *     whichever comes second with an older version gets a 409 and changes nothing.
 *  4. refresh on, then one `_aliases` request: the search alias leaves the old index
 *     (or a concrete index named like the alias is removed: a stack from before the
 *     alias) and points at the target as its write index, and the mark goes. Readers
 *     switch from the complete old index to the complete new one.
 *  5. drop the old index.
 *
 * Why two aliases and not the search alias over both indices while filling: search
 * reads the alias, and would return every hotel twice.
 */
import { hasConcreteIndexAtAlias, nextVersionedIndex, type SearchIndexNames, type SearchIndexState, unaliasedVersionedIndices } from '../../../services/search-indexer/contract.ts';

export interface ReindexPlan {
  leftovers: string[];
  target: string;
  createTarget: boolean;
  markTarget: boolean;
  /** The `_aliases` actions of the swap, applied in one request. */
  swap: object[];
  /** What the search alias pointed at before the swap; dropped after it. */
  replaced: string[];
}

export class ReindexStateError extends Error {}

export function planReindex(state: SearchIndexState, names: SearchIndexNames): ReindexPlan {
  const marked = state.aliases.filter((row) => row.alias === names.reindexAlias).map((row) => row.index);
  if (marked.length > 1) throw new ReindexStateError(`the alias ${names.reindexAlias} points at ${marked.join(', ')}; remove it from all but one index`);
  const current = state.aliases.filter((row) => row.alias === names.alias).map((row) => row.index);
  const concrete = hasConcreteIndexAtAlias(state, names);

  const leftovers = unaliasedVersionedIndices(state, names);
  const target = marked[0] ?? nextVersionedIndex(names, state.indices);
  const replaced = [...new Set(current)].filter((index) => index !== target);
  return {
    leftovers,
    target,
    createTarget: marked.length === 0,
    markTarget: marked.length === 0,
    swap: [
      ...(concrete ? [{ remove_index: { index: names.alias } }] : []),
      ...replaced.map((index) => ({ remove: { index, alias: names.alias } })),
      { add: { index: target, alias: names.alias, is_write_index: true } },
      { remove: { index: target, alias: names.reindexAlias } },
    ],
    replaced,
  };
}
