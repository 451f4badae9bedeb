/**
 * Which database server catalog-api talks to, by the name its users know. The stack
 * runs MySQL or MariaDB (DB_ENGINE); the server itself is asked, so the answer is the
 * engine that runs, whatever a setting says. MariaDB's VERSION() carries its name
 * ("11.8.3-MariaDB-ubu2404"); MySQL's is a bare number ("8.4.6").
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';

export type DatabaseEngine = 'MySQL' | 'MariaDB';

export function engineOfVersion(version: string): DatabaseEngine {
  return /mariadb/i.test(version) ? 'MariaDB' : 'MySQL';
}

export function createDatabaseEngineReader(pool: Pool): () => Promise<DatabaseEngine> {
  return async () => {
    const [rows] = await pool.query<RowDataPacket[]>('SELECT VERSION() AS version');
    return engineOfVersion(String(rows[0]?.version ?? ''));
  };
}
