/**
 * Where the indexer writes a change: the write index behind the search alias and,
 * while `npm run reindex` fills a new index, that index too (marked by the reindex
 * alias). Resolved before every bulk request, never cached: a change is consumed
 * after its commit, so a reindex that marks its target before it starts reading the
 * database sees every change the indexer misses (it reads them from the database)
 * and the indexer sees every change the reindex misses (it writes them to the
 * target). External versions make the order of the two writers irrelevant: the
 * higher row version wins in either index. See scripts/lib/reindex/.
 *
 * When neither alias points at an index the indexer does NOT create one: an empty
 * index would look healthy while every earlier hotel is missing. It waits and says
 * so (health detail, `npm run status`) until `npm run reindex` rebuilds it.
 */
import type { SearchIndexNames } from '../lib/search-index-names.ts';

/** One row of `GET _cat/aliases?format=json`. */
export interface AliasRow {
  alias: string;
  index: string;
  /** 'true', 'false', or '-' when the flag is not set. */
  is_write_index?: string;
}

export type IndexTargets =
  | { ok: true; writeIndex: string | null; reindexTarget: string | null; indices: string[] }
  | { ok: false; problem: string; fix: string };

export const REINDEX_FIX = 'run `npm run reindex`: it rebuilds the index from the database and points the alias at it';

export function resolveTargets(rows: AliasRow[], names: SearchIndexNames): IndexTargets {
  const behind = (alias: string) => rows.filter((row) => row.alias === alias);
  const searchRows = behind(names.alias);
  const reindexRows = behind(names.reindexAlias);

  let writeIndex: string | null = null;
  if (searchRows.length === 1) writeIndex = searchRows[0]!.index;
  else if (searchRows.length > 1) {
    const flagged = searchRows.filter((row) => row.is_write_index === 'true');
    if (flagged.length !== 1) {
      return {
        ok: false,
        problem: `the alias ${names.alias} points at ${searchRows.map((r) => r.index).join(', ')} and none is its write index`,
        fix: REINDEX_FIX,
      };
    }
    writeIndex = flagged[0]!.index;
  }
  if (reindexRows.length > 1) {
    return { ok: false, problem: `the alias ${names.reindexAlias} points at more than one index (${reindexRows.map((r) => r.index).join(', ')})`, fix: REINDEX_FIX };
  }
  const reindexTarget = reindexRows[0]?.index ?? null;
  const indices = [...new Set([writeIndex, reindexTarget].filter((index): index is string => index !== null))];
  if (indices.length === 0) {
    return {
      ok: false,
      problem:
        `the search alias ${names.alias} points at no index (was it deleted?); the indexer waits and retries, ` +
        'and does not create an empty index, which would hide the missing hotels',
      fix: REINDEX_FIX,
    };
  }
  return { ok: true, writeIndex, reindexTarget, indices };
}

/** A bulk request that cannot be sent because there is nowhere to write: retried, never dead-lettered. */
export class SearchIndexMissingError extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem}. Fix: ${fix}`);
    this.name = 'SearchIndexMissingError';
  }
}

export interface AliasReader {
  cat: { aliases(params: { name: string; format: 'json' }): Promise<unknown> };
}

export async function fetchTargets(client: AliasReader, names: SearchIndexNames): Promise<IndexTargets> {
  const rows = (await client.cat.aliases({ name: `${names.alias},${names.reindexAlias}`, format: 'json' })) as AliasRow[];
  return resolveTargets(rows, names);
}
