/**
 * The one typed configuration of the stack: every host port as a number, every URL
 * the host uses, and every derived name (topics, index, consumer group, connector).
 * Built from the merged, validated values (compose/versions.env < .env < environment)
 * and handed on: to Compose as variables (compose-env.ts), and through Compose to
 * kafka-init (the names of kafka/topics.json, kafka-topics.ts), the services and, via render-connector.ts, the connector
 * templates. Nothing else spells a topic, an index or a port default.
 */
import { autoCreateIndexSetting, DEFAULT_REFRESH_INTERVAL, searchIndexNames, type SearchIndexNames } from '../../../services/search-indexer/contract.ts';
import { sagaConfigOf, sagaVariables, type SagaConfig } from './saga-config.ts';
import { AVAILABILITY_INDEX_BASE, availabilityConfigOf, availabilityVariables, type AvailabilityNames } from './availability-config.ts';
import { imagesConfigOf, imagesVariables, OBJECT_STORE_DEFAULT_USER, type ImagesConfig } from './images-config.ts';
import { DEFAULT_PROFILE, profilePlanOf, type ProfileName, type ProfilePlan } from './profiles-config.ts';
import { dataVersionKeys } from './data-stores.ts';
import { CONNECT_PLUGIN_DISCOVERY_VARIABLE, START_LEVER_DEFAULTS, startLeversOf, type StartLevers } from './start-levers.ts';

export * from './saga-config.ts';
export * from './availability-config.ts';
export * from './images-config.ts';
export * from './profiles-config.ts';
export * from './start-levers.ts';

export const DB_ENGINES = ['mysql', 'mariadb'] as const;
export type DbEngine = (typeof DB_ENGINES)[number];

/** Host port → its .env variable. */
export const PORT_VARIABLES = {
  http: 'HTTP_PORT',
  /** The same entry over TLS (HTTP/2 and HTTP/1.1), HAProxy terminating it with the local CA's certificate. */
  https: 'HTTPS_PORT',
  stats: 'STATS_PORT',
  mysql: 'MYSQL_PORT',
  kafka: 'KAFKA_PORT',
  connect: 'CONNECT_PORT',
  elasticsearch: 'ELASTICSEARCH_PORT',
  /** The console (`npm run console`): a host process, not a container. */
  console: 'CONSOLE_PORT',
} as const;

export type PortName = keyof typeof PORT_VARIABLES;

/**
 * Variables a `.env` written before they existed lacks: the value used then. `.env` is
 * created once and never rewritten, so a new variable must not break an existing checkout.
 * compose/.env.example carries the same value (test/unit/config/stack-config.test.ts).
 */
export const LATER_DEFAULTS: Record<string, string> = { CONSOLE_PORT: '9900', WEB_DEV_PORT: '5173', BOOKING_CREATES_PER_10S: '300', HTTPS_PORT: '8443', OBJECT_STORE_USER: OBJECT_STORE_DEFAULT_USER, OBJECT_STORE_HEAP: '128m', ...START_LEVER_DEFAULTS };

/** A variable's value, or its default for a `.env` older than the variable. */
export function valueOrDefault(values: Record<string, string | undefined>, key: string): string | undefined {
  const value = values[key];
  return value === undefined || value.trim() === '' ? (LATER_DEFAULTS[key] ?? value) : value;
}

/**
 * The Vite dev server's port (`npm run dev:web`): validated like the others, but not a
 * port of the stack, so `up` does not need it free. An older .env lacks it: LATER_DEFAULTS.
 */
export const DEV_SERVER_PORT_VARIABLE = 'WEB_DEV_PORT';

/**
 * New bookings HAProxy takes from one client address in 10 s (haproxy/haproxy.cfg, backend
 * booking): past it, POST /api/bookings is 429 `too_many_bookings` with Retry-After. The default
 * (LATER_DEFAULTS) lets the e2e suite's 200 concurrent bookings from the host through; a load test
 * faster than 30 bookings/s (`npm run bench:bookings` at ~50/s) needs it raised in .env.
 */
export const BOOKING_CREATE_LIMIT_VARIABLE = 'BOOKING_CREATES_PER_10S';

export interface StackConfig {
  engine: DbEngine;
  ports: Record<PortName, number>;
  /** How the host reaches each part: every port is published on 127.0.0.1 only. */
  urls: { api: string; page: string; apiHttps: string; pageHttps: string; stats: string; connect: string; elasticsearch: string; kafkaBroker: string; mysql: string; devServer: string; console: string };
  devServerPort: number;
  /** BOOKING_CREATES_PER_10S: new bookings per client address in 10 s (HAProxy). */
  bookingCreatesPer10s: number;
  /**
   * The browser origins catalog-api accepts: the page's own (HAProxy's ports, HTTP and HTTPS, as
   * localhost and as 127.0.0.1: a browser sends whichever the address bar shows), the dev
   * server's, then any the user lists in CORS_ORIGINS. Nothing else by default.
   */
  corsOrigins: string[];
  database: { name: string; user: string; password: string };
  names: StackNames;
  /** The booking saga's databases, accounts, topics, consumer groups and outbox connectors (saga-config.ts). */
  saga: SagaConfig;
  /** Date search's pipeline: the inventory's CDC connector, topics, consumer group and index (availability-config.ts). */
  availability: AvailabilityNames;
  /** The hotel images' bucket and object-store account (images-config.ts). */
  images: ImagesConfig;
  /** How Connect reaches the database and the broker inside the compose network. */
  connectorHosts: ConnectorHosts;
  /** How the connector names its database password: a reference Connect resolves, never the password. */
  connectorPassword: ConnectorPassword;
  /** The account Debezium captures changes with (the connector templates' `${DEBEZIUM_DB_USER}`). */
  captureUser: string;
  /**
   * Its password (DEBEZIUM_DB_PASSWORD). Connect gets it by reference (connectorPassword); on the host only
   * `verify:bookings` reads with this account: SELECT on the three saga databases, and no write anywhere.
   */
  capturePassword: string;
  /** HAProxy's stats page and CSV (STATS_PORT): the console and `bench:web` read them. */
  statsCredentials: { user: string; password: string };
  /** The `*_IMAGE` variables that are set, variable → image: which variable names a pulled image. */
  imageVariables: Record<string, string>;
  /** The variables a local image's build reads (its source fingerprint includes them). */
  buildInputs: Record<BuildInputVariable, string>;
  /** Each engine other than this one, with the connectors a stack on it registered (`up` removes them). */
  otherEngines: Array<{ engine: DbEngine; connector: string; availabilityConnector: string }>;
  /**
   * Options for every JVM of the stack (Kafka and its tools, Connect, Elasticsearch):
   * JVM_LAPTOP_OPTS (LAPTOP_JVM_OPTIONS unless .env sets it, empty included), then
   * JAVA_TOOL_OPTIONS (the Apple M4 workaround lives there).
   */
  jvmOptions: string;
  /** The search index's refresh interval: SEARCH_REFRESH_INTERVAL, or the indexer's default when it is empty. */
  searchRefreshInterval: string;
  /** The tag of the images built from this checkout (localImageTagOf). */
  localImageTag: string;
  /** What the chosen profile runs and leaves out (profiles-config.ts); `full` unless one is chosen. */
  profile: ProfilePlan;
  /** The Compose project (composeProjectOf): the kept profile is per project. */
  project: string;
  /**
   * compose/versions.env's pins of the services that hold data (data-stores.ts): a whole-stack
   * snapshot records them and is restored only under the same (snapshot/snapshot-manifest.ts).
   */
  dataVersions: Record<string, string>;
  /** The start-up levers (start-levers.ts): Connect's plugin discovery, lean Elasticsearch, healthcheck start_interval. */
  startLevers: StartLevers;
}

/** compose.yaml's `name:`: the project when COMPOSE_PROJECT_NAME is not set. */
export const DEFAULT_PROJECT_NAME = 'booking';

/**
 * The locally built images are tagged with the Compose project (booking-devstack/services:<project>):
 * one shared tag let a second checkout on the machine (another project, CI beside a
 * developer) rebuild the image under the first one's running stack, whose next `up` then
 * rebuilt it back. The project already keeps containers, volumes and networks apart; now
 * images too. COMPOSE_PROJECT_NAME comes from the shell or .env, as Compose reads it.
 */
export function localImageTagOf(values: Record<string, string | undefined>): string {
  return composeProjectOf(values);
}

/** The Compose project: COMPOSE_PROJECT_NAME (shell or .env), else compose.yaml's `name:`. */
export function composeProjectOf(values: Record<string, string | undefined>): string {
  return values.COMPOSE_PROJECT_NAME?.trim() || DEFAULT_PROJECT_NAME;
}

/**
 * C1 only: the JVMs skip the optimising compiler, whose threads spend most of the CPU of
 * a start-up. On a laptop starting three JVMs at once that is about a third less CPU
 * and the stack is ready seconds sooner. Measured with `npm run bench:throughput` on 2
 * cores: right after a start C1 indexes faster (about 4,500 against 3,700 rows/s), a
 * warmed-up stack somewhat slower (5,100-7,000 against 7,400 rows/s).
 */
export const LAPTOP_JVM_OPTIONS = '-XX:TieredStopAtLevel=1';

/**
 * The capture password reaches the connector by reference only: compose.yaml gives
 * Connect the password in this variable and Kafka's EnvVarConfigProvider (KIP-887),
 * allowed to read this one variable; the connector config says `${env:<variable>}`,
 * which Connect resolves when it starts the connector and task. So the REST API
 * (GET /connectors/<name>/config) and Connect's config topic hold the reference, never
 * the password. https://kafka.apache.org/documentation/#connect_configproviders
 */
export interface ConnectorPassword {
  /** The environment variable of the connect service that holds the password. */
  variable: string;
  /** What the connector's `database.password` holds. */
  reference: string;
}

export const CONNECT_PASSWORD_VARIABLE = 'DEBEZIUM_DB_PASSWORD';

/** The addresses the connector templates take (`${CONNECTOR_...}`); k8s/ passes the cluster's. */
export interface ConnectorHosts {
  databaseHost: string;
  databasePort: string;
  kafkaBootstrap: string;
}

/**
 * Everything between the database and search is named per engine: each engine has its
 * own volume (compose.yaml), so after a DB_ENGINE switch the two databases hold different
 * rows under the same ids. Shared names would stream both into one index, where the
 * older engine's higher versions win (issue 9). Per engine, a switch starts a fresh
 * pipeline for the new database, and switching back finds the old one as it was.
 */
export interface StackNames {
  /** Debezium's topic.prefix, per engine; it names the change topic <prefix>.<database>.<table>. */
  cdcTopicPrefix: string;
  cdcTopic: string;
  /** Per database and engine: switching DB_ENGINE never replays the other engine's DDL history. */
  schemaHistoryTopic: string;
  dlqTopic: string;
  /**
   * The alias every reader and writer uses; the documents live in versioned indices behind it.
   * Per engine: search shows one database's hotels, never a mix.
   */
  searchIndex: string;
  /** The alias (searchIndex), the alias marking the index `npm run reindex` fills, and the versioned indices' prefix. */
  search: SearchIndexNames;
  /** Elasticsearch's action.auto_create_index: never the search indices (of any engine), anything else. */
  autoCreateIndex: string;
  /** Per engine: its committed offsets belong to its engine's change topic. */
  consumerGroup: string;
  /** Per engine: `up` removes the other engine's (connect/foreign-connectors.ts). */
  connector: string;
  connectGroup: string;
  connectConfigsTopic: string;
  connectOffsetsTopic: string;
  connectStatusTopic: string;
}

/** The variables the local images' builds read (compose.yaml's build args). */
export const BUILD_INPUT_VARIABLES = ['NODE_IMAGE', 'NODE_VERSION'] as const;
export type BuildInputVariable = (typeof BUILD_INPUT_VARIABLES)[number];

/** The connector a stack on `engine` registers. */
function connectorNameOf(engine: DbEngine): string {
  return `catalog-cdc-${engine}`;
}

/** The table whose changes the platform streams into search. */
const CAPTURED_TABLE = 'hotels';
/** The search index's name before the engine: `hotels-<engine>`. */
const SEARCH_INDEX_BASE = 'hotels';

export function stackConfigOf(values: Record<string, string | undefined>, profile: ProfileName = DEFAULT_PROFILE): StackConfig {
  const engine: DbEngine = values.DB_ENGINE === 'mariadb' ? 'mariadb' : 'mysql';
  const port = (name: PortName) => Number(valueOrDefault(values, PORT_VARIABLES[name]));
  const ports = Object.fromEntries(Object.keys(PORT_VARIABLES).map((name) => [name, port(name as PortName)])) as Record<PortName, number>;
  const database = values.MYSQL_DATABASE ?? '';
  const loopback = (p: number) => `http://127.0.0.1:${p}`;
  const cdcTopicPrefix = `cdc.${engine}`;
  const search = searchIndexNames(`${SEARCH_INDEX_BASE}-${engine}`);
  const devServerPort = Number(valueOrDefault(values, DEV_SERVER_PORT_VARIABLE));
  const saga = sagaConfigOf(engine, values);
  // HTTPS as 127.0.0.1 too: the server certificate names localhost, 127.0.0.1 and ::1 (tls/certificate-policy.ts).
  const loopbackTls = (p: number) => `https://127.0.0.1:${p}`;
  const ownOrigins = [`http://localhost:${ports.http}`, loopback(ports.http), `https://localhost:${ports.https}`, loopbackTls(ports.https), loopback(devServerPort)];
  const listed = (values.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  return {
    engine,
    ports,
    urls: {
      api: loopback(ports.http),
      page: `${loopback(ports.http)}/`,
      apiHttps: loopbackTls(ports.https),
      pageHttps: `${loopbackTls(ports.https)}/`,
      stats: loopback(ports.stats),
      connect: loopback(ports.connect),
      elasticsearch: loopback(ports.elasticsearch),
      // 127.0.0.1, not localhost: the port is bound to IPv4 loopback and localhost may be ::1.
      kafkaBroker: `127.0.0.1:${ports.kafka}`,
      mysql: `mysql://127.0.0.1:${ports.mysql}/${database}`,
      console: loopback(ports.console),
      devServer: `${loopback(devServerPort)}/`,
    },
    devServerPort,
    bookingCreatesPer10s: Number(valueOrDefault(values, BOOKING_CREATE_LIMIT_VARIABLE)),
    corsOrigins: [...new Set([...ownOrigins, ...listed])],
    database: { name: database, user: values.MYSQL_USER ?? '', password: values.MYSQL_PASSWORD ?? '' },
    captureUser: values.DEBEZIUM_DB_USER ?? '',
    capturePassword: values.DEBEZIUM_DB_PASSWORD ?? '',
    statsCredentials: { user: values.HAPROXY_STATS_USER ?? '', password: values.HAPROXY_STATS_PASSWORD ?? '' },
    imageVariables: Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[0].endsWith('_IMAGE') && Boolean(entry[1]))),
    buildInputs: Object.fromEntries(BUILD_INPUT_VARIABLES.map((key) => [key, values[key] ?? ''])) as Record<BuildInputVariable, string>,
    otherEngines: DB_ENGINES.filter((other) => other !== engine).map((other) => ({
      engine: other,
      connector: connectorNameOf(other),
      availabilityConnector: availabilityConfigOf(other, saga.services.inventory.database).connector,
    })),
    jvmOptions: [values.JVM_LAPTOP_OPTS ?? LAPTOP_JVM_OPTIONS, values.JAVA_TOOL_OPTIONS ?? '']
      .map((options) => options.trim())
      .filter((options) => options !== '')
      .join(' '),
    searchRefreshInterval: values.SEARCH_REFRESH_INTERVAL?.trim() || DEFAULT_REFRESH_INTERVAL,
    localImageTag: localImageTagOf(values),
    profile: profilePlanOf(profile, values),
    project: composeProjectOf(values),
    dataVersions: Object.fromEntries(dataVersionKeys(engine).map((key) => [key, values[key] ?? ''])),
    startLevers: startLeversOf(values),
    names: {
      cdcTopicPrefix,
      cdcTopic: `${cdcTopicPrefix}.${database}.${CAPTURED_TABLE}`,
      schemaHistoryTopic: `schema-history.${database}.${engine}`,
      dlqTopic: 'search-indexer.dlq',
      searchIndex: search.alias,
      search,
      // One cluster setting for both engines' indices: a DB_ENGINE switch leaves Elasticsearch as it is.
      autoCreateIndex: autoCreateIndexSetting(searchIndexNames(SEARCH_INDEX_BASE), searchIndexNames(AVAILABILITY_INDEX_BASE)),
      consumerGroup: `search-indexer-${engine}`,
      connector: connectorNameOf(engine),
      connectGroup: 'booking-connect',
      connectConfigsTopic: 'connect-configs',
      connectOffsetsTopic: 'connect-offsets',
      connectStatusTopic: 'connect-status',
    },
    saga,
    availability: availabilityConfigOf(engine, saga.services.inventory.database),
    images: imagesConfigOf(values),
    // compose.yaml's service names and in-network ports.
    connectorHosts: { databaseHost: 'mysql', databasePort: '3306', kafkaBootstrap: 'kafka:29092' },
    connectorPassword: { variable: CONNECT_PASSWORD_VARIABLE, reference: `\${env:${CONNECT_PASSWORD_VARIABLE}}` },
  };
}

/**
 * The same configuration for each engine other than DB_ENGINE: the names a stack that
 * ran on that engine left behind (its connector), derived by the same rules.
 */
export function otherEngineConfigs(values: Record<string, string | undefined>): StackConfig[] {
  const current = stackConfigOf(values).engine;
  return DB_ENGINES.filter((engine) => engine !== current).map((engine) => stackConfigOf({ ...values, DB_ENGINE: engine }));
}

/**
 * The derived names as the variables compose.yaml, kafka/topics.json and the connector templates
 * read. compose.yaml refuses to render without them (`${CDC_TOPIC:?...}`), so a name can
 * only come from here.
 */
export function derivedVariables(stack: StackConfig): Record<string, string> {
  const { names } = stack;
  return {
    CORS_ORIGINS: stack.corsOrigins.join(','),
    [BOOKING_CREATE_LIMIT_VARIABLE]: String(stack.bookingCreatesPer10s),
    // From the typed config, not .env alone: a .env older than HTTPS_PORT lacks it (LATER_DEFAULTS).
    HTTPS_PORT: String(stack.ports.https),
    CAPTURED_TABLE,
    CDC_TOPIC_PREFIX: names.cdcTopicPrefix,
    CDC_TOPIC: names.cdcTopic,
    SCHEMA_HISTORY_TOPIC: names.schemaHistoryTopic,
    DLQ_TOPIC: names.dlqTopic,
    SEARCH_INDEX: names.searchIndex,
    SEARCH_AUTO_CREATE_INDEX: names.autoCreateIndex,
    SEARCH_REFRESH_INTERVAL: stack.searchRefreshInterval,
    // Connect's entrypoint writes it as plugin.discovery (both the official image and CI's stand-in).
    [CONNECT_PLUGIN_DISCOVERY_VARIABLE]: stack.startLevers.connectPluginDiscovery,
    CONSUMER_GROUP: names.consumerGroup,
    CONNECTOR_NAME: names.connector,
    CONNECT_GROUP: names.connectGroup,
    CONNECT_CONFIGS_TOPIC: names.connectConfigsTopic,
    CONNECT_OFFSETS_TOPIC: names.connectOffsetsTopic,
    CONNECT_STATUS_TOPIC: names.connectStatusTopic,
    ...connectorHostVariables(stack.connectorHosts),
    CONNECTOR_DATABASE_PASSWORD: stack.connectorPassword.reference,
    LOCAL_IMAGE_TAG: stack.localImageTag,
    // Empty when the profile runs search; otherwise catalog-api answers its searches 503 with it.
    SEARCH_OFF_REASON: stack.profile.searchOffReason,
    ...sagaVariables(stack.saga),
    ...availabilityVariables(stack.availability),
    ...imagesVariables(stack.images),
  };
}

export function connectorHostVariables(hosts: ConnectorHosts): Record<string, string> {
  return {
    CONNECTOR_DATABASE_HOST: hosts.databaseHost,
    CONNECTOR_DATABASE_PORT: hosts.databasePort,
    CONNECTOR_KAFKA_BOOTSTRAP: hosts.kafkaBootstrap,
  };
}
