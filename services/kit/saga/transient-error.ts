/**
 * Errors that pass when the dependency comes back: the database restarting or
 * unreachable, a deadlock or a lock wait that timed out. A message failing with one
 * of these is retried for as long as the consumer runs (never dead-lettered: the
 * message is fine). Any other error is retried a few times, then dead-lettered.
 */
import { sqlErrno } from './sql-connection.ts';

/** Socket-level failures (Node's codes) and mysql2's own "connection is gone" codes. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
]);

/**
 * Server errors: 1205 lock wait timeout, 1213 deadlock, 1053 server shutdown,
 * 2002/2003/2006/2013 cannot connect / gone away / lost connection, 1927 (MariaDB)
 * connection killed, 4031 (MySQL 8) disconnected by the server for inactivity.
 */
const TRANSIENT_ERRNOS = new Set([1205, 1213, 1053, 2002, 2003, 2006, 2013, 1927, 4031]);

export function isTransientSqlError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  const errno = sqlErrno(error);
  if (errno !== undefined && TRANSIENT_ERRNOS.has(errno)) return true;
  // mysql2: "Can't add new command when connection is in closed state" has no code.
  return error instanceof Error && /closed state|Pool is closed/i.test(error.message);
}
