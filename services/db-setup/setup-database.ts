/**
 * Brings a database to the state the platform needs, from any starting point: an
 * empty server, one set up by an older version of this project, or one whose last
 * setup was cut short. Every step checks before it acts, so running it again is
 * always safe; it runs on every `compose up` and as a Kubernetes Job.
 *   1. database, users and grants (accountStatements)
 *   2. pending migrations, each recorded in schema_migrations after it ran
 *   3. the sample hotels, once per database (see sampleDataDecision)
 */
import { accountStatements, flavorOf } from './account-statements.ts';
import type { DbSetupConfig } from './config.ts';
import { pendingMigrations, type AppliedRecord, type SetupFiles } from './setup-files.ts';
import type { Row, SqlSession } from './sql-session.ts';

export interface SetupLog {
  info(msg: string, fields?: Record<string, unknown>): void;
}

export interface SetupResult {
  flavor: string;
  migrationsApplied: string[];
  sampleData: SampleDataDecision;
}

export type SampleDataDecision = 'loaded' | 'disabled' | 'already-decided' | 'table-has-history';

/** Serializes concurrent runs (two Jobs, or a Job beside a developer's run). */
const LOCK_NAME = 'booking-db-setup';
const LOCK_WAIT_SECONDS = 60;

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name       VARCHAR(191) NOT NULL,
  checksum   CHAR(64)     NOT NULL,
  applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4`;

export async function setupDatabase(
  sql: SqlSession,
  config: Pick<DbSetupConfig, 'database' | 'app' | 'capture' | 'seedSampleData'>,
  files: SetupFiles,
  log: SetupLog,
): Promise<SetupResult> {
  const [lock] = await sql.run('SELECT GET_LOCK(?, ?) AS acquired', [LOCK_NAME, LOCK_WAIT_SECONDS]);
  if (Number(lock?.acquired) !== 1) throw new Error(`another db-setup held the lock "${LOCK_NAME}" for ${LOCK_WAIT_SECONDS} s`);
  try {
    const [server] = await sql.run('SELECT VERSION() AS version');
    const flavor = flavorOf(String(server?.version ?? ''));
    for (const statement of accountStatements(config, flavor)) {
      if (statement.onlyIf && (await sql.run(statement.onlyIf.sql, statement.onlyIf.values)).length === 0) continue;
      await sql.run(statement.sql, statement.values);
      log.info('ensured', { what: statement.does });
    }

    await sql.run('USE ??', [config.database]);
    await sql.run(MIGRATIONS_TABLE);
    const applied = (await sql.run('SELECT name, checksum FROM schema_migrations')).map(toRecord);
    const migrationsApplied: string[] = [];
    for (const migration of pendingMigrations(files.migrations, applied)) {
      await sql.run(migration.sql);
      await sql.run('INSERT INTO schema_migrations (name, checksum) VALUES (?, ?)', [migration.name, migration.checksum]);
      migrationsApplied.push(migration.name);
      log.info('applied migration', { migration: migration.name });
    }

    const sampleData = await ensureSampleData(sql, config.seedSampleData, files, applied);
    log.info('sample data', { decision: sampleData });
    return { flavor, migrationsApplied, sampleData };
  } finally {
    await sql.run('SELECT RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => undefined);
  }
}

/**
 * The sample hotels load once per database, and only into a table that never held a
 * row. "Never held a row" is read from the table's AUTO_INCREMENT counter, which
 * survives deletes: a database from before schema_migrations existed, whose sample
 * hotels were loaded and later deleted, keeps them deleted. Whatever is decided is
 * recorded, so it is decided once.
 */
async function ensureSampleData(sql: SqlSession, enabled: boolean, files: SetupFiles, applied: AppliedRecord[]): Promise<SampleDataDecision> {
  if (!enabled) return 'disabled';
  const { sampleData } = files;
  if (applied.some((record) => record.name === sampleData.name)) return 'already-decided';
  const record = () => sql.run('INSERT INTO schema_migrations (name, checksum) VALUES (?, ?)', [sampleData.name, sampleData.checksum]);
  if (await tableHasHistory(sql)) {
    await record();
    return 'table-has-history';
  }
  // One transaction: the rows and their record commit together or not at all.
  await sql.transaction(async () => {
    await sql.run(sampleData.sql);
    await record();
  });
  return 'loaded';
}

async function tableHasHistory(sql: SqlSession): Promise<boolean> {
  const [count] = await sql.run('SELECT COUNT(*) AS n FROM hotels');
  if (Number(count?.n) > 0) return true;
  // SHOW CREATE TABLE reads the live counter (information_schema may be cached on MySQL 8).
  const [create] = await sql.run('SHOW CREATE TABLE hotels');
  const ddl = String(create?.['Create Table'] ?? '');
  const next = /AUTO_INCREMENT=(\d+)/.exec(ddl)?.[1];
  return next !== undefined && Number(next) > 1;
}

function toRecord(row: Row): AppliedRecord {
  return { name: String(row.name), checksum: String(row.checksum) };
}
