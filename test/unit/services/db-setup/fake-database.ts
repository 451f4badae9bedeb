/**
 * An in-memory stand-in for the few statements db-setup sends, keeping just the
 * state its decisions read: users, applied records, hotel rows and the table's
 * AUTO_INCREMENT counter. `failOn` makes one statement fail, like a setup cut short.
 */
import type { Row, SqlSession } from '../../../../services/db-setup/sql-session.ts';

export interface FakeDatabase extends SqlSession {
  statements: string[];
  users: Map<string, string>;
  records: Map<string, string>;
  hotels: { rows: number; nextId: number; exists: boolean };
  migrationsTable: boolean;
  /** Accounts holding SELECT ON *.* (the grant older versions gave the capture user). */
  globalSelect: Set<string>;
  failOn?: RegExp;
}

export function fakeDatabase(version = '11.8.3-MariaDB'): FakeDatabase {
  const db: FakeDatabase = {
    statements: [],
    users: new Map(),
    records: new Map(),
    hotels: { rows: 0, nextId: 1, exists: false },
    migrationsTable: false,
    globalSelect: new Set(),
    async run(sql: string, values: unknown[] = []): Promise<Row[]> {
      db.statements.push(sql);
      if (db.failOn?.test(sql)) throw new Error(`injected failure on: ${sql.slice(0, 40)}`);
      if (/^SELECT GET_LOCK/.test(sql)) return [{ acquired: 1 }];
      if (/^SELECT VERSION/.test(sql)) return [{ version }];
      if (/^(CREATE|ALTER) USER/.test(sql)) {
        const [user, , password] = values as string[];
        if (sql.startsWith('ALTER') || !db.users.has(user!)) db.users.set(user!, password!);
        return [];
      }
      if (/^GRANT .*\bSELECT\b.* ON \*\.\* TO/.test(sql)) db.globalSelect.add(String(values[0]));
      if (/^REVOKE SELECT ON \*\.\* FROM/.test(sql)) db.globalSelect.delete(String(values[0]));
      if (/^SELECT 1 AS held FROM mysql\.user .*Select_priv = 'Y'/.test(sql)) return db.globalSelect.has(String(values[0])) ? [{ held: 1 }] : [];
      if (/^CREATE TABLE IF NOT EXISTS schema_migrations/.test(sql)) {
        db.migrationsTable = true;
        return [];
      }
      if (/^SELECT name, checksum FROM schema_migrations/.test(sql)) {
        return [...db.records].map(([name, checksum]) => ({ name, checksum }));
      }
      if (/^INSERT INTO schema_migrations/.test(sql)) {
        const [name, checksum] = values as string[];
        if (db.records.has(name!)) throw new Error(`duplicate entry ${name}`);
        db.records.set(name!, checksum!);
        return [];
      }
      if (/CREATE TABLE IF NOT EXISTS hotels/.test(sql)) {
        db.hotels.exists = true;
        return [];
      }
      if (/INSERT INTO hotels/.test(sql)) {
        const inserted = (sql.match(/\('/g) ?? []).length;
        db.hotels.rows += inserted;
        db.hotels.nextId += inserted;
        return [];
      }
      if (/^SELECT COUNT\(\*\) AS n FROM hotels/.test(sql)) return [{ n: db.hotels.rows }];
      if (/^SHOW CREATE TABLE hotels/.test(sql)) {
        const counter = db.hotels.nextId > 1 ? ` AUTO_INCREMENT=${db.hotels.nextId}` : '';
        return [{ Table: 'hotels', 'Create Table': `CREATE TABLE \`hotels\` (...) ENGINE=InnoDB${counter} DEFAULT CHARSET=utf8mb4` }];
      }
      return [];
    },
    async transaction(work) {
      // Snapshot and restore: what a rollback does to the state the fake keeps.
      const saved = { rows: db.hotels.rows, nextId: db.hotels.nextId, records: new Map(db.records) };
      try {
        await work();
      } catch (error) {
        db.hotels.rows = saved.rows;
        db.records = saved.records;
        throw error;
      }
    },
  };
  return db;
}
