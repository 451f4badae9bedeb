/**
 * One database transaction around a unit of work. `Transact<Tx>` is what handlers
 * receive, so a unit test passes an in-memory fake and production passes
 * `sqlTransact`, which binds the service's adapters to one pooled connection.
 *
 * READ COMMITTED, not InnoDB's default REPEATABLE READ: a handler looks its row up
 * FOR UPDATE and inserts it when it is missing (a hold, a payment). Under REPEATABLE
 * READ the lookup of a missing row takes a gap lock, two handlers for different
 * bookings take the same gap, and each one's insert then waits for the other's: a
 * deadlock (50 concurrent holds in test/e2e/saga-adapters.e2e.test.ts met it every
 * run). READ COMMITTED takes no gap locks; the rules that matter are enforced by row
 * locks, the CHECK constraint and the primary keys, which work the same at either level.
 * https://dev.mysql.com/doc/refman/8.4/en/innodb-transaction-isolation-levels.html
 */
import type { Pool, PoolConnection } from 'mysql2/promise';

export type Transact<Tx> = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

export function sqlTransact<Tx>(pool: Pick<Pool, 'getConnection'>, bind: (connection: PoolConnection) => Tx): Transact<Tx> {
  return async (work) => {
    const connection = await pool.getConnection();
    let reusable = true;
    try {
      // Applies to the next transaction of this connection only.
      await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
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
