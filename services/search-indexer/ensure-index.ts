/**
 * Creates the search index with its explicit mapping before the first message is
 * consumed, so no document ever lands in a dynamically mapped index. An existing
 * index is kept as is (its data stays); a mapping change needs a new index name
 * (SEARCH_INDEX) or `npm run reset`.
 */
import type { Client } from '@elastic/elasticsearch';
import { hotelIndexDefinition } from '../lib/hotel-document.ts';

export type EnsureIndexResult = 'created' | 'exists';

export async function ensureIndex(client: Client, index: string): Promise<EnsureIndexResult> {
  if (await client.indices.exists({ index })) return 'exists';
  try {
    await client.indices.create({
      index,
      settings: hotelIndexDefinition.settings,
      mappings: hotelIndexDefinition.mappings,
    });
    return 'created';
  } catch (error) {
    // Another indexer instance may have created it between exists and create.
    const type = (error as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type;
    if (type === 'resource_already_exists_exception') return 'exists';
    throw error;
  }
}
