/**
 * Runs verify:bookings against the running stack: one connection on MYSQL_PORT as the
 * change-capture account (DEBEZIUM_DB_USER), the one account of the typed config that may
 * read all three saga databases and write none. A service account sees only its own
 * database (three connections, three moments: read-books.ts says why that is wrong); root
 * could change what it checks.
 */
import mysql, { type Connection } from 'mysql2/promise';
import type { StackConfig } from '../config/stack-config.ts';
import { UserError } from '../errors.ts';
import { errorText } from '../text.ts';
import { checkBooks } from './check-books.ts';
import type { BooksReport } from './books-report.ts';
import { readBooks } from './read-books.ts';

export async function verifyBooks(stack: StackConfig, staleAfterMs: number): Promise<BooksReport> {
  const started = performance.now();
  const account = { host: '127.0.0.1', port: stack.ports.mysql, user: stack.captureUser, password: stack.capturePassword };
  let connection: Connection | undefined;
  try {
    connection = await mysql.createConnection({ ...account, connectTimeout: 3_000 });
    const { services } = stack.saga;
    const books = await readBooks(connection, { bookings: services.booking.database, payments: services.payment.database, inventory: services.inventory.database });
    return { check: checkBooks(books, { staleAfterMs }), staleAfterMs, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    // The database's refusals and a server out of reach get their fix; anything else is a bug to see whole.
    throw typeof (error as { code?: unknown }).code === 'string' ? databaseError(account, error) : error;
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

function databaseError({ host, port, user }: { host: string; port: number; user: string }, error: unknown): UserError {
  const code = (error as { code?: string }).code;
  if (code === 'ER_ACCESS_DENIED_ERROR') {
    return new UserError(`the database at ${host}:${port} refused user ${user}: ${errorText(error)}`, 'DEBEZIUM_DB_USER and DEBEZIUM_DB_PASSWORD in .env must be the ones db-setup granted (`npm run up` sets them again)', { cause: error });
  }
  if (code === 'ER_TABLEACCESS_DENIED_ERROR' || code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_NO_SUCH_TABLE' || code === 'ER_BAD_DB_ERROR') {
    return new UserError(`user ${user} cannot read the saga's tables: ${errorText(error)}`, '`npm run up` runs db-setup, which creates the saga databases and grants the capture account SELECT on them', { cause: error });
  }
  return new UserError(`the database at ${host}:${port} is not reachable: ${code ?? errorText(error)}`, 'start the stack with `npm run up` (`npm run status` shows what runs)', { cause: error });
}
