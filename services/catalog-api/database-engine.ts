/**
 * Which database server catalog-api talks to, by the name its users know. The stack
 * runs MySQL or MariaDB (DB_ENGINE); the server itself is asked, so the answer is the
 * engine that runs, whatever a setting says. MariaDB's VERSION() carries its name
 * ("11.8.3-MariaDB-ubu2404", https://mariadb.com/kb/en/version/; only a `--version=`
 * server option would change that, and the stack sets none); MySQL's is a bare number ("8.4.6").
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';

export type DatabaseEngine = 'MySQL' | 'MariaDB';

/** GET /api/info: names only, nothing a stranger could use (no host, port or version). */
export interface ApiInfo {
  database: { engine: DatabaseEngine };
}

export function engineOfVersion(version: string): DatabaseEngine {
  return /mariadb/i.test(version) ? 'MariaDB' : 'MySQL';
}

export function createDatabaseEngineReader(pool: Pool): () => Promise<DatabaseEngine> {
  return async () => {
    const [rows] = await pool.query<RowDataPacket[]>('SELECT VERSION() AS version');
    return engineOfVersion(String(rows[0]?.version ?? ''));
  };
}
