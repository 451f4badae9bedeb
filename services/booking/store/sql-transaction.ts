/**
 * One transaction on one pooled connection: committed when the work returns, rolled back
 * when it throws or asks for it (`rollback` — an optimistic lock lost). A connection whose
 * rollback failed may still hold its transaction: it is destroyed, never reused.
 */
import type { Pool, PoolConnection } from 'mysql2/promise';

export type RollbackMarker = { rollback: true };

export async function inTransaction<T>(pool: Pick<Pool, 'getConnection'>, work: (tx: PoolConnection) => Promise<T | RollbackMarker>): Promise<T | RollbackMarker> {
  const connection = await pool.getConnection();
  let reusable = true;
  try {
    await connection.beginTransaction();
    try {
      const result = await work(connection);
      if (isRollback(result)) await connection.rollback();
      else await connection.commit();
      return result;
    } catch (error) {
      await connection.rollback().catch(() => {
        reusable = false;
      });
      throw error;
    }
  } finally {
    if (reusable) connection.release();
    else connection.destroy();
  }
}

export function isRollback(value: unknown): value is RollbackMarker {
  return typeof value === 'object' && value !== null && (value as RollbackMarker).rollback === true;
}
