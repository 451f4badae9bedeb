/**
 * Makes sure the search alias points at an index with the explicit mapping before
 * the first message is consumed, so no document ever lands in a dynamically mapped
 * index. Each start reads the state and takes the one step it calls for, so a start
 * cut short anywhere resumes on the next:
 *
 * - alias in place: kept (its data stays); a changed SEARCH_REFRESH_INTERVAL is
 *   applied to its write index (a dynamic setting), and so is the mapping: a field added
 *   to the definition since the index was made (`images`, issue 22) is added to it, as
 *   Elasticsearch allows new fields on an existing index; otherwise `dynamic: strict`
 *   would refuse every document that carries it.
 * - a concrete index carries the alias's name (a stack from before the alias):
 *   copied once into a new versioned index, then one `_aliases` request removes the
 *   old index and adds the alias (`remove_index` + `add`, atomic: search never sees
 *   neither). The copy keeps each document's external version. Not `_reindex`: CI's
 *   Elasticsearch (the integration-test distribution) has no reindex module.
 * - nothing, on a fresh stack (the consumer group never committed an offset): the
 *   first versioned index and the alias.
 * - nothing, but the group has indexed before: the index was deleted. Creating an
 *   empty one would make search look healthy while every earlier hotel is missing,
 *   so the indexer leaves it to `npm run reindex` and says so (health, status).
 */
import { hotelIndexDefinition } from '../lib/hotel-document.ts';
import { nextVersionedIndex, type SearchIndexNames } from '../lib/search-index-names.ts';
import { REINDEX_FIX, resolveTargets } from './index-targets.ts';
import { hasConcreteIndexAtAlias, readSearchIndexState, unaliasedVersionedIndices, type SearchIndexState, type StateReader } from './search-index-state.ts';

export type EnsurePlan =
  | { kind: 'ready'; writeIndex: string | null }
  | { kind: 'migrate'; from: string; to: string }
  | { kind: 'create'; index: string }
  | { kind: 'missing'; problem: string; fix: string };

export function planEnsureIndex(state: SearchIndexState, names: SearchIndexNames, hasIndexedBefore: boolean): EnsurePlan {
  // Reuse what an interrupted migration or first start left behind: filling it again is idempotent.
  const leftover = unaliasedVersionedIndices(state, names).at(-1);
  const target = leftover ?? nextVersionedIndex(names, state.indices);
  if (hasConcreteIndexAtAlias(state, names)) return { kind: 'migrate', from: names.alias, to: target };
  const targets = resolveTargets(state.aliases, names);
  if (targets.ok) return { kind: 'ready', writeIndex: targets.writeIndex };
  if (state.aliases.length > 0) return { kind: 'missing', problem: targets.problem, fix: targets.fix };
  if (!hasIndexedBefore) return { kind: 'create', index: target };
  return { kind: 'missing', problem: targets.problem, fix: REINDEX_FIX };
}

export type EnsureIndexResult =
  | { outcome: 'exists' | 'refresh interval updated' | 'created' | 'migrated'; writeIndex: string | null; copied?: number }
  | { outcome: 'missing'; problem: string; fix: string };

interface Hit {
  _id?: string;
  _version?: number;
  _source?: unknown;
  sort?: unknown[];
}

/** The part of the Elasticsearch client this module uses, so tests can fake it. */
export interface IndexAdmin extends StateReader {
  indices: {
    exists(params: { index: string }): Promise<boolean>;
    create(params: { index: string; settings: object; mappings: object }): Promise<unknown>;
    getSettings(params: { index: string; name: string; flat_settings: boolean }): Promise<Record<string, { settings?: Record<string, unknown> }>>;
    putSettings(params: { index: string; settings: object }): Promise<unknown>;
    putMapping(params: { index: string; properties: object }): Promise<unknown>;
    refresh(params: { index: string }): Promise<unknown>;
    updateAliases(params: { actions: object[] }): Promise<unknown>;
  };
  search(params: object): Promise<{ hits: { hits: Hit[] } }>;
  count(params: { index: string }): Promise<{ count: number }>;
  bulk(params: { operations: object[]; refresh?: boolean }): Promise<{ errors: boolean; items: Array<Record<string, { status: number; error?: unknown }>> }>;
}

/** An index's settings and mappings: the hotels' (hotel-document.ts) or date search's (availability-document.ts). */
export interface IndexDefinition {
  settings: object;
  mappings: object;
}

export interface EnsureOptions {
  refreshInterval: string;
  /** The hotels' unless given. */
  definition?: IndexDefinition;
  /** Whether the consumer group ever committed an offset: then an index existed and was lost. */
  hasIndexedBefore: () => Promise<boolean>;
  pageSize?: number;
}

export async function ensureIndex(client: IndexAdmin, names: SearchIndexNames, options: EnsureOptions): Promise<EnsureIndexResult> {
  const state = await readSearchIndexState(client, names);
  const needsHistory = !hasConcreteIndexAtAlias(state, names) && state.aliases.length === 0;
  const plan = planEnsureIndex(state, names, needsHistory ? await options.hasIndexedBefore() : true);
  switch (plan.kind) {
    case 'missing':
      return { outcome: 'missing', problem: plan.problem, fix: plan.fix };
    case 'ready': {
      if (plan.writeIndex === null) return { outcome: 'exists', writeIndex: null };
      const { properties } = (options.definition ?? hotelIndexDefinition).mappings as { properties: object };
      await client.indices.putMapping({ index: plan.writeIndex, properties });
      const updated = await applyRefreshInterval(client, plan.writeIndex, options.refreshInterval);
      return { outcome: updated ? 'refresh interval updated' : 'exists', writeIndex: plan.writeIndex };
    }
    case 'create':
      await createVersionedIndex(client, plan.index, options.refreshInterval, options.definition);
      await client.indices.updateAliases({ actions: [{ add: { index: plan.index, alias: names.alias, is_write_index: true } }] });
      return { outcome: 'created', writeIndex: plan.index };
    case 'migrate': {
      await createVersionedIndex(client, plan.to, options.refreshInterval, options.definition);
      const copied = await copyDocuments(client, plan.from, plan.to, options.pageSize ?? 1_000);
      await client.indices.refresh({ index: plan.to });
      const [source, target] = await Promise.all([client.count({ index: plan.from }), client.count({ index: plan.to })]);
      if (target.count < source.count) {
        throw new Error(`copying ${plan.from} into ${plan.to} left ${target.count} of ${source.count} documents; the next start copies again`);
      }
      // One request, so readers see the old index or the alias, never neither.
      await client.indices.updateAliases({
        actions: [{ remove_index: { index: plan.from } }, { add: { index: plan.to, alias: names.alias, is_write_index: true } }],
      });
      return { outcome: 'migrated', writeIndex: plan.to, copied };
    }
  }
}

/** Creates an index with the mapping (the hotels' unless given); one that exists (an earlier attempt, another instance) is kept. */
export async function createVersionedIndex(
  client: Pick<IndexAdmin, 'indices'>,
  index: string,
  refreshInterval: string,
  definition: IndexDefinition = hotelIndexDefinition,
): Promise<'created' | 'exists'> {
  if (await client.indices.exists({ index })) return 'exists';
  try {
    await client.indices.create({
      index,
      settings: { ...definition.settings, refresh_interval: refreshInterval },
      mappings: definition.mappings,
    });
    return 'created';
  } catch (error) {
    const type = (error as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type;
    if (type === 'resource_already_exists_exception') return 'exists';
    throw error;
  }
}

async function applyRefreshInterval(client: IndexAdmin, index: string, refreshInterval: string): Promise<boolean> {
  const current = await client.indices.getSettings({ index, name: 'index.refresh_interval', flat_settings: true });
  if (current[index]?.settings?.['index.refresh_interval'] === refreshInterval) return false;
  await client.indices.putSettings({ index, settings: { refresh_interval: refreshInterval } });
  return true;
}

/** Pages through `from` by id and writes each document with its own version: a rerun only meets 409s. */
async function copyDocuments(client: IndexAdmin, from: string, to: string, pageSize: number): Promise<number> {
  let after: unknown[] | undefined;
  let copied = 0;
  for (;;) {
    const page = await client.search({
      index: from,
      size: pageSize,
      version: true,
      sort: [{ id: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = page.hits.hits;
    if (hits.length === 0) return copied;
    const operations = hits.flatMap((hit): object[] => [{ index: { _index: to, _id: hit._id, version: hit._version, version_type: 'external' } }, hit._source as object]);
    const response = await client.bulk({ operations });
    const failed = response.items.map((item) => Object.values(item)[0]!).filter((result) => result.status >= 300 && result.status !== 409);
    if (failed.length > 0) throw new Error(`copying into ${to} failed for ${failed.length} documents: ${JSON.stringify(failed[0]!.error)}`);
    copied += hits.length;
    after = hits[hits.length - 1]!.sort;
  }
}
