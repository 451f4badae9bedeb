/** The real SearchStore: @elastic/elasticsearch against the stack's Elasticsearch. */
import type { Client } from '@elastic/elasticsearch';
import { createVersionedIndex, hotelIndexDefinition, readSearchIndexState, type IndexDefinition, type SearchIndexNames } from '../../../services/search-indexer/contract.ts';
import type { SearchStore } from './run-reindex.ts';

/** `definition`: the index's mapping, the hotels' unless given (date search's availability index has its own). */
export function elasticsearchStore(client: Client, names: SearchIndexNames, definition: IndexDefinition = hotelIndexDefinition): SearchStore {
  return {
    state: () => readSearchIndexState(client, names),
    async deleteIndex(index) {
      await client.indices.delete({ index }, { ignore: [404] });
    },
    async createIndex(index) {
      // Refresh off while filling: nobody searches the target yet, and segments merge once at the end.
      await createVersionedIndex(client, index, '-1', definition);
    },
    async addAlias(index, alias) {
      await client.indices.updateAliases({ actions: [{ add: { index, alias } }] });
    },
    async write(index, documents) {
      const operations = documents.flatMap((document) => [
        { index: { _index: index, _id: String(document.id), version: document.version, version_type: 'external' as const } },
        document,
      ]);
      const response = await client.bulk({ operations });
      return response.items.map((item) => {
        const result = item.index!;
        return { status: result.status, ...(result.error ? { error: `${result.error.type}: ${result.error.reason ?? ''}` } : {}) };
      });
    },
    async makeSearchable(index, refreshInterval) {
      await client.indices.putSettings({ index, settings: { refresh_interval: refreshInterval } });
      await client.indices.refresh({ index });
    },
    async updateAliases(actions) {
      await client.indices.updateAliases({ actions: actions as never });
    },
    async count(index) {
      return (await client.count({ index })).count;
    },
  };
}
