import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { derivedVariables, LAPTOP_JVM_OPTIONS, LATER_DEFAULTS, otherEngineConfigs, stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { paths } from '../../../scripts/lib/paths.ts';

const values = {
  DB_ENGINE: 'mariadb',
  HTTP_PORT: '18080',
  HTTPS_PORT: '18443',
  STATS_PORT: '8404',
  MYSQL_PORT: '13306',
  KAFKA_PORT: '19092',
  CONNECT_PORT: '8083',
  ELASTICSEARCH_PORT: '9200',
  MYSQL_DATABASE: 'catalog',
  MYSQL_USER: 'app',
  MYSQL_PASSWORD: 'pw',
};

describe('the typed stack config', () => {
  it('has every port as a number and every host URL on 127.0.0.1', () => {
    const stack = stackConfigOf(values);
    expect(stack.ports).toEqual({ http: 18080, https: 18443, stats: 8404, mysql: 13306, kafka: 19092, connect: 8083, elasticsearch: 9200, console: 9900 });
    expect(stack.urls).toEqual({
      api: 'http://127.0.0.1:18080',
      page: 'http://127.0.0.1:18080/',
      apiHttps: 'https://127.0.0.1:18443',
      pageHttps: 'https://127.0.0.1:18443/',
      stats: 'http://127.0.0.1:8404',
      connect: 'http://127.0.0.1:8083',
      elasticsearch: 'http://127.0.0.1:9200',
      kafkaBroker: '127.0.0.1:19092',
      mysql: 'mysql://127.0.0.1:13306/catalog',
      console: 'http://127.0.0.1:9900',
      devServer: 'http://127.0.0.1:5173/',
    });
  });

  it('gives a .env older than HTTPS_PORT the default compose/.env.example has, and hands it to Compose', () => {
    const { HTTPS_PORT: _set, ...older } = values;
    expect(readFileSync(paths.envExample, 'utf8')).toMatch(new RegExp(`^HTTPS_PORT=${LATER_DEFAULTS.HTTPS_PORT}$`, 'm'));
    expect(stackConfigOf(older).ports.https).toBe(Number(LATER_DEFAULTS.HTTPS_PORT));
    // compose.yaml publishes it; Compose reads .env itself, so the typed config passes it.
    expect(derivedVariables(stackConfigOf(older)).HTTPS_PORT).toBe(LATER_DEFAULTS.HTTPS_PORT);
  });

  it('gives a .env older than CONSOLE_PORT the default compose/.env.example has, and honours a set one', () => {
    const example = readFileSync(paths.envExample, 'utf8');
    expect(example).toMatch(new RegExp(`^CONSOLE_PORT=${LATER_DEFAULTS.CONSOLE_PORT}$`, 'm'));
    expect(stackConfigOf(values).ports.console).toBe(Number(LATER_DEFAULTS.CONSOLE_PORT));
    expect(stackConfigOf({ ...values, CONSOLE_PORT: '27900' }).urls.console).toBe('http://127.0.0.1:27900');
  });

  it('takes BOOKING_CREATES_PER_10S for HAProxy, the default compose/.env.example has for an older .env', () => {
    const example = readFileSync(paths.envExample, 'utf8');
    expect(example).toMatch(new RegExp(`^BOOKING_CREATES_PER_10S=${LATER_DEFAULTS.BOOKING_CREATES_PER_10S}$`, 'm'));
    expect(stackConfigOf(values).bookingCreatesPer10s).toBe(300);
    expect(derivedVariables(stackConfigOf({ ...values, BOOKING_CREATES_PER_10S: '1000' })).BOOKING_CREATES_PER_10S).toBe('1000');
  });

  it("joins the laptop's JVM options and JAVA_TOOL_OPTIONS; an older .env gets C1 only, an empty JVM_LAPTOP_OPTS none", () => {
    expect(stackConfigOf(values).jvmOptions).toBe(LAPTOP_JVM_OPTIONS);
    expect(stackConfigOf({ ...values, JAVA_TOOL_OPTIONS: '-XX:UseSVE=0' }).jvmOptions).toBe(`${LAPTOP_JVM_OPTIONS} -XX:UseSVE=0`);
    expect(stackConfigOf({ ...values, JVM_LAPTOP_OPTS: '', JAVA_TOOL_OPTIONS: '-XX:UseSVE=0' }).jvmOptions).toBe('-XX:UseSVE=0');
    expect(stackConfigOf({ ...values, JVM_LAPTOP_OPTS: '' }).jvmOptions).toBe('');
    const example = readFileSync(paths.envExample, 'utf8');
    expect(example).toMatch(new RegExp(`^JVM_LAPTOP_OPTS=${LAPTOP_JVM_OPTIONS}$`, 'm'));
  });

  it('derives the change topic and schema history from the database name and engine', () => {
    const { names } = stackConfigOf(values);
    expect(names.cdcTopic).toBe('cdc.mariadb.catalog.hotels');
    expect(names.schemaHistoryTopic).toBe('schema-history.catalog.mariadb');
    expect(names.connector).toBe('catalog-cdc-mariadb');
    expect(stackConfigOf({ ...values, DB_ENGINE: 'mysql' }).names.schemaHistoryTopic).toBe('schema-history.catalog.mysql');
  });

  it('names everything between the database and search per engine, so a DB_ENGINE switch never mixes the two databases', () => {
    const perEngine = ['cdcTopicPrefix', 'cdcTopic', 'schemaHistoryTopic', 'searchIndex', 'consumerGroup', 'connector'] as const;
    const maria = stackConfigOf(values).names;
    const my = stackConfigOf({ ...values, DB_ENGINE: 'mysql' }).names;
    for (const name of perEngine) expect(maria[name], name).not.toBe(my[name]);
    expect(my).toMatchObject({ cdcTopic: 'cdc.mysql.catalog.hotels', searchIndex: 'hotels-mysql', consumerGroup: 'search-indexer-mysql', connector: 'catalog-cdc-mysql' });
  });

  it('derives the other engine\'s names by the same rules', () => {
    expect(otherEngineConfigs(values).map((other) => other.names.connector)).toEqual(['catalog-cdc-mysql']);
    expect(otherEngineConfigs({ ...values, DB_ENGINE: 'mysql' }).map((other) => other.names.connector)).toEqual(['catalog-cdc-mariadb']);
  });

  it('hands every derived name on as a variable', () => {
    const variables = derivedVariables(stackConfigOf(values));
    expect(variables).toMatchObject({
      CDC_TOPIC: 'cdc.mariadb.catalog.hotels',
      CDC_TOPIC_PREFIX: 'cdc.mariadb',
      CAPTURED_TABLE: 'hotels',
      DLQ_TOPIC: 'search-indexer.dlq',
      SEARCH_INDEX: 'hotels-mariadb',
      CONSUMER_GROUP: 'search-indexer-mariadb',
    });
    // SEARCH_OFF_REASON is empty when the profile runs search (profiles-config.ts).
    expect(Object.entries(variables).filter(([name, value]) => value === '' && name !== 'SEARCH_OFF_REASON')).toEqual([]);
    expect(variables.SEARCH_OFF_REASON).toBe('');
  });

  it('tags the local images with the Compose project (booking, compose.yaml\'s name, unless COMPOSE_PROJECT_NAME says another)', () => {
    expect(stackConfigOf(values).localImageTag).toBe('booking');
    expect(derivedVariables(stackConfigOf({ ...values, COMPOSE_PROJECT_NAME: 'booking-ci' })).LOCAL_IMAGE_TAG).toBe('booking-ci');
  });

  it("allows by default the page's own origins (localhost and 127.0.0.1 on HTTP_PORT and HTTPS_PORT) and the dev server's, nothing else", () => {
    const stack = stackConfigOf({ ...values, WEB_DEV_PORT: '24173', CORS_ORIGINS: '' });
    const own = ['http://localhost:18080', 'http://127.0.0.1:18080', 'https://localhost:18443', 'https://127.0.0.1:18443', 'http://127.0.0.1:24173'];
    expect(stack.corsOrigins).toEqual(own);
    expect(derivedVariables(stack).CORS_ORIGINS).toBe(own.join(','));
  });

  it('adds the origins listed in CORS_ORIGINS (an older .env lists localhost:3000) without repeating one', () => {
    const stack = stackConfigOf({ ...values, CORS_ORIGINS: 'http://localhost:3000, http://127.0.0.1:18080' });
    expect(stack.corsOrigins).toEqual(['http://localhost:18080', 'http://127.0.0.1:18080', 'https://localhost:18443', 'https://127.0.0.1:18443', 'http://127.0.0.1:5173', 'http://localhost:3000']);
  });
});
