/**
 * The steps every database db-setup owns goes through, the catalog's and each saga
 * service's alike: its schema_migrations table, its pending migrations applied and
 * recorded one by one, and sample data loaded once. Each step checks before it acts.
 */
import { pendingMigrations, type AppliedRecord, type SetupFile } from './setup-files.ts';
import type { Row, SqlSession } from './sql-session.ts';

export interface SetupLog {
  info(msg: string, fields?: Record<string, unknown>): void;
}

export type SampleDataDecision = 'loaded' | 'disabled' | 'already-decided' | 'table-has-history';

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name       VARCHAR(191) NOT NULL,
  checksum   CHAR(64)     NOT NULL,
  applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4`;

/**
 * Makes `database` the session's database, then applies its pending migrations in
 * order, each recorded after it ran. Returns what was recorded before (the sample-data
 * decision reads it) and what this run applied.
 */
export async function applyMigrations(
  sql: SqlSession,
  database: string,
  migrations: SetupFile[],
  log: SetupLog,
): Promise<{ applied: AppliedRecord[]; migrationsApplied: string[] }> {
  await sql.run('USE ??', [database]);
  await sql.run(MIGRATIONS_TABLE);
  const applied = (await sql.run('SELECT name, checksum FROM schema_migrations')).map(toRecord);
  const migrationsApplied: string[] = [];
  for (const migration of pendingMigrations(migrations, applied)) {
    await sql.run(migration.sql);
    await record(sql, migration);
    migrationsApplied.push(migration.name);
    log.info('applied migration', { database, migration: migration.name });
  }
  return { applied, migrationsApplied };
}

export interface SampleData {
  /** Its record in schema_migrations: once recorded, decided for good. */
  record: AppliedRecord;
  /** Whether the tables it fills ever held a row (then the user's data is left alone). */
  hasHistory(): Promise<boolean>;
  /** Inserts the rows; runs inside the transaction that also records it. */
  load(): Promise<void>;
}

/**
 * Sample data loads once per database, and only into tables that never held a row:
 * sample rows the user deleted stay deleted. Whatever is decided is recorded, so it is
 * decided once; rows and record commit together or not at all.
 */
export async function loadSampleDataOnce(sql: SqlSession, enabled: boolean, sample: SampleData, applied: AppliedRecord[]): Promise<SampleDataDecision> {
  if (!enabled) return 'disabled';
  if (applied.some((done) => done.name === sample.record.name)) return 'already-decided';
  if (await sample.hasHistory()) {
    await record(sql, sample.record);
    return 'table-has-history';
  }
  await sql.transaction(async () => {
    await sample.load();
    await record(sql, sample.record);
  });
  return 'loaded';
}

/**
 * Whether a table of the current database ever held a row: it has rows, or its
 * AUTO_INCREMENT counter, which survives deletes, moved on.
 */
export async function tableHasHistory(sql: SqlSession, table: string): Promise<boolean> {
  if (await tableHasRows(sql, table)) return true;
  // SHOW CREATE TABLE reads the live counter (information_schema may be cached on MySQL 8).
  const [create] = await sql.run('SHOW CREATE TABLE ??', [table]);
  const ddl = String(create?.['Create Table'] ?? '');
  const next = /AUTO_INCREMENT=(\d+)/.exec(ddl)?.[1];
  return next !== undefined && Number(next) > 1;
}

export async function tableHasRows(sql: SqlSession, table: string): Promise<boolean> {
  const [count] = await sql.run('SELECT COUNT(*) AS n FROM ??', [table]);
  return Number(count?.n) > 0;
}

function record(sql: SqlSession, file: AppliedRecord): Promise<Row[]> {
  return sql.run('INSERT INTO schema_migrations (name, checksum) VALUES (?, ?)', [file.name, file.checksum]);
}

function toRecord(row: Row): AppliedRecord {
  return { name: String(row.name), checksum: String(row.checksum) };
}
