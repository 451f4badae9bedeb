/**
 * An in-memory stand-in for the few statements db-setup sends, keeping just the
 * state its decisions read: users and grants, each database's applied records, the
 * catalog's hotel rows and AUTO_INCREMENT counter, the inventory's room types and
 * nights. `USE` switches the database records go to. `failOn` makes one statement
 * fail, like a setup cut short.
 */
import type { Row, SqlSession } from '../../../../services/db-setup/sql-session.ts';

export interface FakeDatabase extends SqlSession {
  statements: string[];
  users: Map<string, string>;
  /** `user on database: privileges`, one per GRANT (ON *.* shows as `*`). */
  grants: string[];
  /** The catalog database's schema_migrations. */
  records: Map<string, string>;
  /** Every database's schema_migrations. */
  recordsOf(database: string): Map<string, string>;
  hotels: { rows: number; nextId: number; exists: boolean };
  roomTypes: { rows: Array<{ id: number; room_count: number }>; nextId: number };
  roomNights: unknown[][];
  /** What CURRENT_DATE answers. */
  today: string;
  migrationsTable: boolean;
  /** Accounts holding SELECT ON *.* (the grant older versions gave the capture user). */
  globalSelect: Set<string>;
  failOn?: RegExp;
}

export function fakeDatabase(version = '11.8.3-MariaDB', catalog = 'booking'): FakeDatabase {
  let current = catalog;
  let recordsByDatabase = new Map<string, Map<string, string>>();
  const recordsOf = (database: string) => {
    if (!recordsByDatabase.has(database)) recordsByDatabase.set(database, new Map());
    return recordsByDatabase.get(database)!;
  };
  const db: FakeDatabase = {
    statements: [],
    users: new Map(),
    grants: [],
    get records() {
      return recordsOf(catalog);
    },
    recordsOf,
    hotels: { rows: 0, nextId: 1, exists: false },
    roomTypes: { rows: [], nextId: 1 },
    roomNights: [],
    today: '2026-12-07',
    migrationsTable: false,
    globalSelect: new Set(),
    async run(sql: string, values: unknown[] = []): Promise<Row[]> {
      db.statements.push(sql);
      if (db.failOn?.test(sql)) throw new Error(`injected failure on: ${sql.slice(0, 40)}`);
      if (/^SELECT GET_LOCK/.test(sql)) return [{ acquired: 1 }];
      if (/^SELECT VERSION/.test(sql)) return [{ version }];
      if (/^USE \?\?/.test(sql)) {
        current = String(values[0]);
        return [];
      }
      if (/^(CREATE|ALTER) USER/.test(sql)) {
        const [user, , password] = values as string[];
        if (sql.startsWith('ALTER') || !db.users.has(user!)) db.users.set(user!, password!);
        return [];
      }
      const grant = /^GRANT (.*) ON (\?\?|\*)\.\* TO/.exec(sql);
      if (grant) {
        const onDatabase = grant[2] === '??';
        const user = String(values[onDatabase ? 1 : 0]);
        db.grants.push(`${user} on ${onDatabase ? String(values[0]).replace(/\\/g, '') : '*'}: ${grant[1]}`);
        if (!onDatabase && /\bSELECT\b/.test(grant[1]!)) db.globalSelect.add(user);
      }
      if (/^REVOKE SELECT ON \*\.\* FROM/.test(sql)) db.globalSelect.delete(String(values[0]));
      if (/^SELECT 1 AS held FROM mysql\.user .*Select_priv = 'Y'/.test(sql)) return db.globalSelect.has(String(values[0])) ? [{ held: 1 }] : [];
      if (/^CREATE TABLE IF NOT EXISTS schema_migrations/.test(sql)) {
        db.migrationsTable = true;
        return [];
      }
      if (/^SELECT name, checksum FROM schema_migrations/.test(sql)) {
        return [...recordsOf(current)].map(([name, checksum]) => ({ name, checksum }));
      }
      if (/^INSERT INTO schema_migrations/.test(sql)) {
        const [name, checksum] = values as string[];
        if (recordsOf(current).has(name!)) throw new Error(`duplicate entry ${name} in ${current}.schema_migrations`);
        recordsOf(current).set(name!, checksum!);
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
      if (/^SELECT COUNT\(\*\) AS n FROM \?\?/.test(sql)) {
        const counts: Record<string, number> = { hotels: db.hotels.rows, room_types: db.roomTypes.rows.length, room_nights: db.roomNights.length };
        return [{ n: counts[String(values[0])] ?? 0 }];
      }
      if (/^SHOW CREATE TABLE \?\?/.test(sql)) {
        const table = String(values[0]);
        const next = { hotels: db.hotels.nextId, room_types: db.roomTypes.nextId }[table] ?? 1;
        const counter = next > 1 ? ` AUTO_INCREMENT=${next}` : '';
        return [{ Table: table, 'Create Table': `CREATE TABLE \`${table}\` (...) ENGINE=InnoDB${counter} DEFAULT CHARSET=utf8mb4` }];
      }
      if (/^SELECT DATE_FORMAT\(CURRENT_DATE/.test(sql)) return [{ today: db.today }];
      if (/^INSERT INTO room_types .* VALUES \?/.test(sql)) {
        for (const row of values[0] as unknown[][]) db.roomTypes.rows.push({ id: db.roomTypes.nextId++, room_count: Number(row[3]) });
        return [];
      }
      if (/^SELECT id, room_count FROM room_types/.test(sql)) return db.roomTypes.rows.map((row) => ({ ...row }));
      if (/^INSERT INTO room_nights .* VALUES \?/.test(sql)) {
        db.roomNights.push(...(values[0] as unknown[][]));
        return [];
      }
      return [];
    },
    async transaction(work) {
      // Snapshot and restore: what a rollback does to the rows and records the fake keeps
      // (AUTO_INCREMENT counters, as in InnoDB, are not rolled back).
      const saved = {
        rows: db.hotels.rows,
        records: new Map([...recordsByDatabase].map(([name, records]) => [name, new Map(records)])),
        roomTypes: [...db.roomTypes.rows],
        roomNights: [...db.roomNights],
      };
      try {
        await work();
      } catch (error) {
        db.hotels.rows = saved.rows;
        recordsByDatabase = saved.records;
        db.roomTypes.rows = saved.roomTypes;
        db.roomNights = saved.roomNights;
        throw error;
      }
    },
  };
  return db;
}
