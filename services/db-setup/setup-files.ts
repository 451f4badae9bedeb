/**
 * The SQL files db-setup applies: the catalog's migrations (mysql/migrations/NNNN-name.sql,
 * in name order) and sample data (mysql/sample-data/hotels.sql), and each saga service
 * database's migrations: the shared messaging tables (mysql/saga-messaging/migrations),
 * then its own (mysql/<database>/migrations). Each carries a
 * checksum of its text, so a migration edited after it was applied is caught
 * instead of silently diverging between databases.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SetupFile {
  /** Recorded in schema_migrations: "migrations/0001-create-hotels.sql". */
  name: string;
  sql: string;
  checksum: string;
}

export interface SetupFiles {
  migrations: SetupFile[];
  sampleData: SetupFile;
  /** Per service database, its migrations in the order they apply. */
  serviceMigrations: Record<string, SetupFile[]>;
}

/** The outbox and inbox, the same in every service database: applied to each before its own. */
export const SHARED_SERVICE_MIGRATIONS = 'saga-messaging';

export interface FileReader {
  list(dir: string): string[];
  read(path: string): string;
}

const realFiles: FileReader = {
  list: (dir) => readdirSync(dir),
  read: (path) => readFileSync(path, 'utf8'),
};

const MIGRATION_NAME = /^\d{4}-[a-z0-9-]+\.sql$/;

export function checksum(sql: string): string {
  // Line endings are not content: a CRLF checkout must not look like an edited migration.
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function readSetupFiles(dir: string, serviceDatabases: string[] = [], files: FileReader = realFiles): SetupFiles {
  const load = (folder: string, file: string): SetupFile => {
    const sql = files.read(join(dir, folder, file));
    return { name: `${folder}/${file}`, sql, checksum: checksum(sql) };
  };
  const migrationsIn = (folder: string): SetupFile[] => {
    const names = files.list(join(dir, folder)).filter((file) => file.endsWith('.sql')).sort();
    const misnamed = names.filter((file) => !MIGRATION_NAME.test(file));
    if (misnamed.length > 0) {
      throw new Error(`migration file names must look like 0002-add-rooms.sql (four digits, a dash, lower-case words): ${misnamed.map((file) => `${folder}/${file}`).join(', ')}`);
    }
    return names.map((file) => load(folder, file));
  };
  const shared = serviceDatabases.length > 0 ? migrationsIn(`${SHARED_SERVICE_MIGRATIONS}/migrations`) : [];
  return {
    migrations: migrationsIn('migrations'),
    sampleData: load('sample-data', 'hotels.sql'),
    serviceMigrations: Object.fromEntries(serviceDatabases.map((database) => [database, [...shared, ...migrationsIn(`${database}/migrations`)]])),
  };
}

export interface AppliedRecord {
  name: string;
  checksum: string;
}

/**
 * The migrations still to apply, in order. An applied migration whose text changed
 * is an error: the databases that ran the old text would differ from new ones.
 */
export function pendingMigrations(migrations: SetupFile[], applied: AppliedRecord[]): SetupFile[] {
  const done = new Map(applied.map((record) => [record.name, record.checksum]));
  const edited = migrations.filter((migration) => done.has(migration.name) && done.get(migration.name) !== migration.checksum);
  if (edited.length > 0) {
    throw new Error(
      `${edited.map((m) => m.name).join(', ')} changed after it was applied to this database. ` +
        'Migrations are append-only: restore the file (git checkout -- mysql/migrations) and put the change in a new migration',
    );
  }
  return migrations.filter((migration) => !done.has(migration.name));
}
