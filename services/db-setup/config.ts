import { ConfigError, envReader, type Env } from '../kit/env-reader.ts';
import { parseLogLevel, type LogLevel } from '../kit/logger.ts';

export interface Account {
  user: string;
  password: string;
}

/**
 * A saga service's own database (issue 20): its account gets every privilege on it and
 * nothing else; the capture account reads it for the service's outbox connector.
 */
export interface ServiceDatabase {
  service: string;
  database: string;
  account: Account;
  /** Whether its sample data is the room inventory (sample-inventory.ts). */
  sampleInventory: boolean;
}

/**
 * The service databases and the prefix of their variables (`<prefix>_DB_NAME`, `_USER`,
 * `_PASSWORD`), which compose.yaml fills from the orchestrator's typed config
 * (scripts/lib/config/saga-config.ts; a unit test keeps the two in step).
 */
export const SERVICE_DATABASE_VARIABLE_PREFIXES = [
  { service: 'inventory', prefix: 'INVENTORY', sampleInventory: true },
  { service: 'payment', prefix: 'PAYMENTS', sampleInventory: false },
  { service: 'booking', prefix: 'BOOKINGS', sampleInventory: false },
] as const;

const IDENTIFIER = /^[A-Za-z0-9_]{1,64}$/;
const IDENTIFIER_SHAPE = 'letters, digits and _ (at most 64)';

export interface DbSetupConfig {
  logLevel: LogLevel;
  server: { host: string; port: number };
  /** The administrator that creates the database, users and schema. */
  root: Account;
  database: string;
  /** The application user (catalog-api): every privilege on `database`, nothing else. */
  app: Account;
  /** The change-capture user (Debezium): reads the binlog, nothing more. */
  capture: Account;
  /** The saga services' databases, set up after the catalog's, in this order. */
  services: ServiceDatabase[];
  seedSampleData: boolean;
  /** Holds migrations/ and sample-data/; the image's working directory has it as ./mysql. */
  filesDir: string;
  /** How long to wait for the server to accept connections (a Kubernetes Job may start first). */
  connectTimeoutMs: number;
}

export function loadDbSetupConfig(env: Env): DbSetupConfig {
  const read = envReader(env);
  const config: DbSetupConfig = {
    logLevel: parseLogLevel(env.LOG_LEVEL),
    server: { host: read.string('MYSQL_HOST', 'mysql'), port: read.int('MYSQL_PORT', 3306, { min: 1, max: 65535 }) },
    root: { user: 'root', password: read.string('MYSQL_ROOT_PASSWORD') },
    database: read.matching('MYSQL_DATABASE', undefined, IDENTIFIER, IDENTIFIER_SHAPE),
    app: { user: read.string('MYSQL_USER'), password: read.string('MYSQL_PASSWORD') },
    capture: { user: read.string('DEBEZIUM_DB_USER'), password: read.string('DEBEZIUM_DB_PASSWORD') },
    services: SERVICE_DATABASE_VARIABLE_PREFIXES.map(({ service, prefix, sampleInventory }) => ({
      service,
      database: read.matching(`${prefix}_DB_NAME`, undefined, IDENTIFIER, IDENTIFIER_SHAPE),
      account: { user: read.matching(`${prefix}_DB_USER`, undefined, IDENTIFIER, IDENTIFIER_SHAPE), password: read.string(`${prefix}_DB_PASSWORD`) },
      sampleInventory,
    })),
    seedSampleData: read.matching('SEED_SAMPLE_DATA', 'true', /^(true|false)$/, 'true or false') === 'true',
    filesDir: read.string('DB_SETUP_FILES_DIR', 'mysql'),
    connectTimeoutMs: read.int('DB_SETUP_CONNECT_TIMEOUT_MS', 120_000, { min: 1_000, max: 3_600_000 }),
  };
  read.done();
  const shared = sharedNames(config);
  if (shared.length > 0) throw new ConfigError(shared);
  return config;
}

/**
 * Every account owns one database and every database one account: db-setup grants an
 * account ALL on the database it is listed with and sets its password from that entry,
 * so a name used twice (MYSQL_USER=inventory, or two services on one database) would give
 * one account two databases and leave it with whichever password came last.
 */
export function sharedNames(config: Pick<DbSetupConfig, 'database' | 'app' | 'capture' | 'services'>): string[] {
  const accounts = [
    { name: config.app.user, owner: 'MYSQL_USER' },
    { name: config.capture.user, owner: 'DEBEZIUM_DB_USER' },
    ...config.services.map((s) => ({ name: s.account.user, owner: `${prefixOf(s.service)}_DB_USER` })),
  ];
  const databases = [{ name: config.database, owner: 'MYSQL_DATABASE' }, ...config.services.map((s) => ({ name: s.database, owner: `${prefixOf(s.service)}_DB_NAME` }))];
  return [...repeated(accounts, 'account'), ...repeated(databases, 'database')];
}

function prefixOf(service: string): string {
  return SERVICE_DATABASE_VARIABLE_PREFIXES.find((entry) => entry.service === service)?.prefix ?? service.toUpperCase();
}

/** Names that stand more than once (MySQL compares database and account names without case on some systems). */
function repeated(entries: Array<{ name: string; owner: string }>, what: string): string[] {
  const byName = new Map<string, string[]>();
  for (const { name, owner } of entries) {
    if (name === '') continue;
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), owner]);
  }
  return [...byName.entries()]
    .filter(([, owners]) => owners.length > 1)
    .map(([name, owners]) => `${owners.join(' and ')} name the same ${what} "${name}": each ${what} must be used once, so an account is granted only its own database`);
}
