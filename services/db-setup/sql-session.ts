/**
 * The one port db-setup talks to the database through, so its logic is unit-tested
 * with a fake and the mysql2 adapter gets a test of its own against a real server.
 */
import type { Connection } from 'mysql2/promise';

export type Row = Record<string, unknown>;

export interface SqlSession {
  /**
   * Runs one statement (or a file of statements) with `?` values and `??` identifiers
   * escaped by the client; returns the rows of a SELECT, [] otherwise.
   */
  run(sql: string, values?: unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction(work: () => Promise<void>): Promise<void>;
}

/**
 * `query`, not `execute`: CREATE USER, GRANT and multi-statement files cannot be
 * server-side prepared statements. The connection must be opened with
 * `multipleStatements: true` for migration files.
 */
export function mysqlSession(connection: Connection): SqlSession {
  return {
    async run(sql, values = []) {
      const [result] = await connection.query(sql, values);
      if (!Array.isArray(result)) return [];
      // A multi-statement result is an array of per-statement results; keep the rows of the last one.
      const last = result.length > 0 && Array.isArray(result[result.length - 1]) ? result[result.length - 1] : result;
      return (last as unknown[]).filter((row): row is Row => typeof row === 'object' && row !== null && !Array.isArray(row) && !('affectedRows' in row));
    },
    async transaction(work) {
      await connection.beginTransaction();
      try {
        await work();
        await connection.commit();
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        throw error;
      }
    },
  };
}
