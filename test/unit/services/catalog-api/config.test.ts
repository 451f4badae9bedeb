import { describe, expect, it } from 'vitest';
import { loadCatalogApiConfig } from '../../../../services/catalog-api/config.ts';
import { loadSearchIndexerConfig } from '../../../../services/search-indexer/config.ts';

describe('service configuration', () => {
  it('reads the catalog-api variables compose passes', () => {
    const config = loadCatalogApiConfig({
      SERVICE_NAME: 'catalog-api-2',
      MYSQL_DATABASE: 'booking',
      MYSQL_USER: 'catalog',
      MYSQL_PASSWORD: 'secret',
      CORS_ORIGINS: 'http://localhost:3000,https://app.example',
    });
    expect(config).toMatchObject({
      serviceName: 'catalog-api-2',
      port: 3000,
      mysql: { host: 'mysql', port: 3306, database: 'booking' },
      corsOrigins: ['http://localhost:3000', 'https://app.example'],
      bodyLimitBytes: 1048576,
    });
  });

  it('refuses to start without database credentials or a CORS decision', () => {
    expect(() => loadCatalogApiConfig({})).toThrow(/MYSQL_DATABASE is required.*CORS_ORIGINS is required/);
  });

  it('gives the indexer the contract defaults', () => {
    expect(loadSearchIndexerConfig({})).toMatchObject({
      kafkaBrokers: ['kafka:29092'],
      cdcTopic: 'cdc.booking.hotels',
      dlqTopic: 'search-indexer.dlq',
      consumerGroup: 'search-indexer',
      healthPort: 3001,
    });
  });
});
