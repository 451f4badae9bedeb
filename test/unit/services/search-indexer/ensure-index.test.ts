import { describe, expect, it } from 'vitest';
import { ensureIndex, type IndexAdmin } from '../../../../services/search-indexer/ensure-index.ts';

/** An in-memory `indices` API: one index with its settings, and a log of the writes. */
function fakeIndices(existing?: Record<string, unknown>) {
  const writes: string[] = [];
  let settings = existing;
  const indices: IndexAdmin = {
    exists: async () => settings !== undefined,
    create: async (params) => {
      if (settings) throw Object.assign(new Error('exists'), { meta: { body: { error: { type: 'resource_already_exists_exception' } } } });
      settings = { ...(params.settings as Record<string, unknown>) };
      writes.push(`create refresh_interval=${String(settings.refresh_interval)}`);
    },
    getSettings: async ({ index }) => ({ [index]: { settings: { 'index.refresh_interval': settings?.refresh_interval } } }),
    putSettings: async (params) => {
      settings = { ...settings, ...(params.settings as Record<string, unknown>) };
      writes.push(`put refresh_interval=${String(settings.refresh_interval)}`);
    },
  };
  return { client: { indices }, writes };
}

describe('ensureIndex', () => {
  it('creates a missing index with the mapping and the configured refresh interval', async () => {
    const { client, writes } = fakeIndices();
    expect(await ensureIndex(client, 'hotels', { refreshInterval: '250ms' })).toBe('created');
    expect(writes).toEqual(['create refresh_interval=250ms']);
  });

  it('leaves an existing index alone when its refresh interval already matches', async () => {
    const { client, writes } = fakeIndices({ refresh_interval: '250ms' });
    expect(await ensureIndex(client, 'hotels', { refreshInterval: '250ms' })).toBe('exists');
    expect(writes).toEqual([]);
  });

  it('applies a changed refresh interval to an existing index, keeping its data', async () => {
    const { client, writes } = fakeIndices({ refresh_interval: '1s' });
    expect(await ensureIndex(client, 'hotels', { refreshInterval: '250ms' })).toBe('refresh interval updated');
    expect(writes).toEqual(['put refresh_interval=250ms']);
  });
});
