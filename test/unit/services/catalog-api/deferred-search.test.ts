import type { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { deferred } from '../../../../services/kit/deferred.ts';
import { deferredHotelSearch } from '../../../../services/catalog-api/hotel-search.ts';

describe('deferredHotelSearch', () => {
  it('waits for the client to load, then searches and pings through it; a failed load answers as an error', async () => {
    let loads = 0;
    const indices: unknown[] = [];
    const client = {
      search: async (request: { index: string }) => (indices.push(request.index), { hits: { total: { value: 0 }, hits: [] } }),
      cluster: { health: async () => ({ status: 'green' }) },
    } as unknown as Client;
    const search = deferredHotelSearch(
      deferred(async () => {
        loads += 1;
        if (loads === 1) throw new Error('client not loaded');
        return client;
      }),
      'hotels-mariadb',
      'availability-mariadb',
    );
    await expect(search.ping()).rejects.toThrow('client not loaded');
    expect(await search.search({ q: 'porto', city: undefined, limit: 10, offset: 0 })).toEqual({ total: 0, hits: [] });
    await search.ping();
    expect(indices).toEqual(['hotels-mariadb']);
    expect(loads).toBe(2);
  });
});
