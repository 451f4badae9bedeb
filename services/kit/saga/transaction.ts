/**
 * One database transaction around a unit of work. `Transact<Tx>` is what handlers
 * receive, so a unit test passes an in-memory fake and production passes
 * `sqlTransact`, which binds the service's adapters to one pooled connection.
 */
import type { Pool, PoolConnection } from 'mysql2/promise';

export type Transact<Tx> = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

export function sqlTransact<Tx>(pool: Pick<Pool, 'getConnection'>, bind: (connection: PoolConnection) => Tx): Transact<Tx> {
  return async (work) => {
    const connection = await pool.getConnection();
    let reusable = true;
    try {
      await connection.beginTransaction();
      try {
        const result = await work(bind(connection));
        await connection.commit();
        return result;
      } catch (error) {
        // The work's error is the one worth reporting. A connection whose rollback failed
        // may still hold the transaction open: it is closed, never handed to the next caller.
        await connection.rollback().catch(() => {
          reusable = false;
        });
        throw error;
      }
    } finally {
      if (reusable) connection.release();
      else connection.destroy();
    }
  };
}
