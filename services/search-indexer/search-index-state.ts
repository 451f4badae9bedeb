/**
 * What Elasticsearch holds under the search index's name: the two aliases and every
 * index whose name starts with the alias (a concrete index of the alias's name on a
 * stack from before the alias, and the versioned `<alias>-v<N>`). Read by the indexer at
 * start (ensure-index.ts), by `npm run reindex` and by `npm run status`.
 */
import { generationOf, type SearchIndexNames } from '../lib/search-index-names.ts';
import type { AliasRow } from './index-targets.ts';

export interface SearchIndexState {
  aliases: AliasRow[];
  /** Concrete indices named `<alias>` or `<alias>…`. */
  indices: string[];
}

export interface StateReader {
  cat: {
    aliases(params: { name: string; format: 'json' }): Promise<unknown>;
    indices(params: { index: string; format: 'json'; h: string }): Promise<unknown>;
  };
}

export async function readSearchIndexState(client: StateReader, names: SearchIndexNames): Promise<SearchIndexState> {
  const [aliases, indices] = await Promise.all([
    client.cat.aliases({ name: `${names.alias},${names.reindexAlias}`, format: 'json' }) as Promise<AliasRow[]>,
    client.cat.indices({ index: `${names.alias}*`, format: 'json', h: 'index' }) as Promise<Array<{ index: string }>>,
  ]);
  return { aliases, indices: indices.map((row) => row.index).sort() };
}

/** The search alias's name is taken by a concrete index: a stack from before the alias. */
export function hasConcreteIndexAtAlias(state: SearchIndexState, names: SearchIndexNames): boolean {
  return state.indices.includes(names.alias);
}

/** Versioned indices neither alias points at: left behind by an interrupted migration, reindex or swap. */
export function unaliasedVersionedIndices(state: SearchIndexState, names: SearchIndexNames): string[] {
  const aliased = new Set(state.aliases.map((row) => row.index));
  return state.indices
    .filter((index) => generationOf(names, index) !== undefined && !aliased.has(index))
    .sort((a, b) => generationOf(names, a)! - generationOf(names, b)!);
}
