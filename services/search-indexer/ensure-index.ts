/**
 * Creates the search index with its explicit mapping before the first message is
 * consumed, so no document ever lands in a dynamically mapped index. An existing
 * index is kept (its data stays); a mapping change needs a new index name
 * (SEARCH_INDEX) or `npm run reset`. The refresh interval is a dynamic setting, so
 * a changed SEARCH_REFRESH_INTERVAL is applied to the existing index at start.
 */
import { hotelIndexDefinition } from '../lib/hotel-document.ts';

export type EnsureIndexResult = 'created' | 'exists' | 'refresh interval updated';

/** The part of the Elasticsearch client's `indices` API this module uses, so tests can fake it. */
export interface IndexAdmin {
  exists(params: { index: string }): Promise<boolean>;
  create(params: { index: string; settings: object; mappings: object }): Promise<unknown>;
  getSettings(params: { index: string; name: string; flat_settings: boolean }): Promise<Record<string, { settings?: Record<string, unknown> }>>;
  putSettings(params: { index: string; settings: object }): Promise<unknown>;
}

export async function ensureIndex(client: { indices: IndexAdmin }, index: string, { refreshInterval }: { refreshInterval: string }): Promise<EnsureIndexResult> {
  const { indices } = client;
  if (await indices.exists({ index })) {
    const current = await indices.getSettings({ index, name: 'index.refresh_interval', flat_settings: true });
    if (current[index]?.settings?.['index.refresh_interval'] === refreshInterval) return 'exists';
    await indices.putSettings({ index, settings: { refresh_interval: refreshInterval } });
    return 'refresh interval updated';
  }
  try {
    await indices.create({
      index,
      settings: { ...hotelIndexDefinition.settings, refresh_interval: refreshInterval },
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
