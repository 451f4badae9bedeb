/**
 * The slice of a mysql2 connection the saga's SQL adapters use: one connection,
 * inside one transaction (transaction.ts). mysql2's PoolConnection fits it.
 */
import type { PoolConnection } from 'mysql2/promise';

export type SqlConnection = Pick<PoolConnection, 'execute'>;

/** mysql2's error shape: `errno` is the server's error number (https://dev.mysql.com/doc/mysql-errors/8.4/en/server-error-reference.html). */
export function sqlErrno(error: unknown): number | undefined {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return typeof errno === 'number' ? errno : undefined;
}

export const ER_DUP_ENTRY = 1062;
