/**
 * How the search index is named. Readers and writers only ever use the alias
 * (SEARCH_INDEX, one per database engine: `hotels-mysql`, `hotels-mariadb`); the
 * documents live in a versioned concrete index behind it (`hotels-mysql-v<N>`), so
 * `npm run reindex` can fill a new one and swap the alias atomically while search keeps
 * answering. While a reindex runs, a second alias (`hotels-mysql-reindex-target`) marks
 * the index being filled, so the indexer writes each change there too. The orchestrator's
 * typed config (scripts/lib/config/stack-config.ts) derives these names from here once
 * (StackNames.search); the indexer derives them from SEARCH_INDEX the same way.
 */
export interface SearchIndexNames {
  /** What the API searches and the indexer writes to. */
  alias: string;
  /** Marks the index a reindex is filling. */
  reindexAlias: string;
  /** Concrete indices are `<versionPrefix><N>`, N = 1, 2, … */
  versionPrefix: string;
}

export function searchIndexNames(alias: string): SearchIndexNames {
  return { alias, reindexAlias: `${alias}-reindex-target`, versionPrefix: `${alias}-v` };
}

export function versionedIndex(names: SearchIndexNames, generation: number): string {
  return `${names.versionPrefix}${generation}`;
}

/** N of `<prefix>N`, or undefined for any other name. */
export function generationOf(names: SearchIndexNames, index: string): number | undefined {
  if (!index.startsWith(names.versionPrefix)) return undefined;
  const rest = index.slice(names.versionPrefix.length);
  return /^[1-9]\d*$/.test(rest) ? Number(rest) : undefined;
}

/** The next free generation after every versioned index that exists. */
export function nextVersionedIndex(names: SearchIndexNames, existing: string[]): string {
  const generations = existing.map((index) => generationOf(names, index) ?? 0);
  return versionedIndex(names, Math.max(0, ...generations) + 1);
}

/**
 * Elasticsearch's `action.auto_create_index`: nothing under the aliases' names may be
 * created by a write (a write to a deleted index would otherwise re-create it with a
 * dynamic mapping, `city_key` as text, and search would look healthy while every
 * earlier hotel is gone); any other index may.
 */
export function autoCreateIndexSetting(...names: SearchIndexNames[]): string {
  return [...names.map((index) => `-${index.alias}*`), '+*'].join(',');
}
