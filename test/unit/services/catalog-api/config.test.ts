import { describe, expect, it } from 'vitest';
import { loadCatalogApiConfig } from '../../../../services/catalog-api/config.ts';
import { loadSearchIndexerConfig } from '../../../../services/search-indexer/config.ts';

// Date search's pipeline (issue 21): names the typed config derives, as for the hotels.
const availability = { ROOM_TYPES_TOPIC: 'rt', ROOM_NIGHTS_TOPIC: 'rn', AVAILABILITY_CONSUMER_GROUP: 'ag', AVAILABILITY_INDEX: 'ai' };

describe('service configuration', () => {
  it('reads the catalog-api variables compose passes', () => {
    const config = loadCatalogApiConfig({
      SERVICE_NAME: 'catalog-api-2',
      MYSQL_DATABASE: 'booking',
      MYSQL_USER: 'catalog',
      MYSQL_PASSWORD: 'secret',
      CORS_ORIGINS: 'http://localhost:3000,https://app.example',
      SEARCH_INDEX: 'hotels',
      AVAILABILITY_INDEX: 'availability',
    });
    expect(config).toMatchObject({
      serviceName: 'catalog-api-2',
      searchIndex: 'hotels',
      availabilityIndex: 'availability',
      port: 3000,
      mysql: { host: 'mysql', port: 3306, database: 'booking' },
      corsOrigins: ['http://localhost:3000', 'https://app.example'],
      bodyLimitBytes: 1048576,
    });
  });

  it('refuses to start without database credentials or a CORS decision', () => {
    expect(() => loadCatalogApiConfig({})).toThrow(/MYSQL_DATABASE is required.*CORS_ORIGINS is required/);
  });

  it('gives the indexer the contract defaults, and takes its names from the environment', () => {
    const names = { CDC_TOPIC: 'cdc.catalog.hotels', DLQ_TOPIC: 'dlq', CONSUMER_GROUP: 'group', SEARCH_INDEX: 'index', ...availability };
    expect(loadSearchIndexerConfig(names)).toMatchObject({
      kafkaBrokers: ['kafka:29092'],
      cdcTopic: 'cdc.catalog.hotels',
      dlqTopic: 'dlq',
      consumerGroup: 'group',
      searchIndex: 'index',
      healthPort: 3001,
      availability: { roomTypesTopic: 'rt', roomNightsTopic: 'rn', consumerGroup: 'ag', index: 'ai' },
    });
  });

  it('logs in to Kafka with SCRAM-SHA-512 when given a user, and refuses half a login', () => {
    const names = { CDC_TOPIC: 't', DLQ_TOPIC: 'd', CONSUMER_GROUP: 'g', SEARCH_INDEX: 'i', ...availability };
    expect(loadSearchIndexerConfig(names).kafkaSasl).toBeUndefined();
    expect(loadSearchIndexerConfig({ ...names, KAFKA_SASL_USERNAME: 'search-indexer', KAFKA_SASL_PASSWORD: 's3cret' }).kafkaSasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'search-indexer',
      password: 's3cret',
    });
    expect(() => loadSearchIndexerConfig({ ...names, KAFKA_SASL_USERNAME: 'search-indexer' })).toThrow(/KAFKA_SASL_PASSWORD is required/);
  });

  it('names no topic, index or group of its own: without them the indexer refuses to start', () => {
    expect(() => loadSearchIndexerConfig({})).toThrow(/CDC_TOPIC is required; DLQ_TOPIC is required; CONSUMER_GROUP is required; SEARCH_INDEX is required/);
    expect(() => loadSearchIndexerConfig({})).toThrow(/ROOM_TYPES_TOPIC is required; ROOM_NIGHTS_TOPIC is required; AVAILABILITY_CONSUMER_GROUP is required; AVAILABILITY_INDEX is required/);
  });
});
