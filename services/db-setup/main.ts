/**
 * db-setup entry point: `node services/dist/db-setup/main.js`. A one-shot run: waits
 * for the server, brings the database to the platform's state (setup-database.ts),
 * exits 0, or exits 1 with one log line that says what failed and the fix. Compose
 * runs it on every `up` (catalog-api waits for it to complete); Kubernetes runs the
 * same image and command as a Job.
 */
import mysql from 'mysql2/promise';
import { sleep, retryUntilDone, startupBackoff } from '../kit/retry.ts';
import { loadConfigOrExit } from '../kit/load-config-or-exit.ts';
import { createLogger, describeError } from '../kit/logger.ts';
import { loadDbSetupConfig } from './config.ts';
import { readSetupFiles } from './setup-files.ts';
import { setupDatabase } from './setup-database.ts';
import { mysqlSession } from './sql-session.ts';

const config = loadConfigOrExit(() => loadDbSetupConfig(process.env), 'db-setup');
const log = createLogger({ service: 'db-setup' }, { level: config.logLevel });

/** mysql2 error numbers that waiting cannot fix. */
const ACCESS_DENIED = 1045;

async function main(): Promise<void> {
  const files = readSetupFiles(config.filesDir, config.services.map((service) => service.database));
  const deadline = Date.now() + config.connectTimeoutMs;
  const connected = await retryUntilDone(
    async () => {
      try {
        return await mysql.createConnection({
          ...config.server,
          ...config.root,
          multipleStatements: true,
          connectTimeout: 5_000,
          charset: 'utf8mb4',
        });
      } catch (error) {
        if ((error as { errno?: number }).errno === ACCESS_DENIED) throw new RootLoginRefused(error);
        throw error;
      }
    },
    {
      // The server is coming up, not down: Compose starts db-setup beside it (with
      // EARLY_START=on, before its healthcheck has passed), so retries stay within 2 s
      // and setup begins within about a second of the server accepting connections.
      policy: startupBackoff,
      shouldContinue: () => Date.now() < deadline,
      sleep: (ms) => sleep(Math.min(ms, Math.max(0, deadline - Date.now()))),
      onFailure: (error, attempt) => {
        // Waiting cannot fix a wrong password: stop retrying (the throw ends retryUntilDone).
        if (error instanceof RootLoginRefused) throw error;
        log.info('waiting for the database server', { attempt, error: describeError(error) });
      },
    },
  );
  if (!connected.done) throw new Error(`the database server at ${config.server.host}:${config.server.port} did not accept connections within ${config.connectTimeoutMs / 1000} s`);
  const connection = connected.value;
  try {
    const result = await setupDatabase(mysqlSession(connection), config, files, log);
    log.info('database ready', { ...result });
  } finally {
    await connection.end().catch(() => undefined);
  }
}

class RootLoginRefused extends Error {
  constructor(cause: unknown) {
    super(
      'the server refused root with MYSQL_ROOT_PASSWORD from .env: the data volume was initialized with another root password ' +
        '(was .env deleted and recreated?). Fix: put the old MYSQL_ROOT_PASSWORD back in .env, or wipe the database with `npm run reset`',
      { cause },
    );
    this.name = 'RootLoginRefused';
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log.error('database setup failed', { error: describeError(error) });
    process.exit(1);
  },
);
