import { describe, expect, it } from 'vitest';
import { loadCatalogApiConfig } from '../../../../services/catalog-api/config.ts';
import { createHandlers } from '../../../../services/catalog-api/handlers.ts';
import type { HotelSearch } from '../../../../services/catalog-api/hotel-search.ts';
import { HttpError } from '../../../../services/kit/http-error.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import { fakeHotelStore } from './fake-hotel-store.ts';

const REASON = 'search is off: profile core runs without Kafka, Connect, Elasticsearch and the search indexer. Start them with: npm run up -- --profile full (or --profile search)';

/** A search that must not be asked: the profile left Elasticsearch out. */
const unreachable: HotelSearch = {
  search: async () => {
    throw Object.assign(new Error('getaddrinfo ENOTFOUND elasticsearch'), { code: 'ENOTFOUND' });
  },
  ping: async () => {
    throw Object.assign(new Error('getaddrinfo ENOTFOUND elasticsearch'), { code: 'ENOTFOUND' });
  },
};

const handlersWith = (searchOff?: string) =>
  createHandlers({
    store: fakeHotelStore(),
    search: unreachable,
    databaseEngine: async () => 'MariaDB',
    serviceName: 'catalog-api-test',
    isDraining: () => false,
    log: createLogger({}, { write: () => {} }),
    ...(searchOff === undefined ? {} : { searchOff }),
  });

const request = (q: string) => ({ params: [], query: new URLSearchParams({ q }), body: undefined });

describe('catalog-api when the profile leaves search out', () => {
  it('answers a search 503 search_off with the reason, which names the profile and how to start search', async () => {
    const error = await handlersWith(REASON).search(request('porto')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 503, code: 'search_off', message: REASON });
  });

  it('is ready without Elasticsearch: /api/healthz says elasticsearch "off" and 200', async () => {
    expect(await handlersWith(REASON).apiHealth(request(''))).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok', elasticsearch: 'off' } });
  });

  it('with search on, an unreachable Elasticsearch is still a failed readiness (503, "unavailable")', async () => {
    expect(await handlersWith().apiHealth(request(''))).toMatchObject({ status: 503, body: { elasticsearch: 'unavailable' } });
  });

  it('reads SEARCH_OFF_REASON, empty (search on) when it is not set', () => {
    const env = { SEARCH_INDEX: 'hotels-mysql', AVAILABILITY_INDEX: 'availability-mysql', CORS_ORIGINS: 'http://localhost:8080', MYSQL_HOST: 'mysql', MYSQL_DATABASE: 'booking', MYSQL_USER: 'catalog', MYSQL_PASSWORD: 'pw' };
    expect(loadCatalogApiConfig(env).searchOffReason).toBe('');
    expect(loadCatalogApiConfig({ ...env, SEARCH_OFF_REASON: REASON }).searchOffReason).toBe(REASON);
  });
});
