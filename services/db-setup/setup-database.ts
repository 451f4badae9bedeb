/**
 * Brings a database server to the state the platform needs, from any starting point: an
 * empty server, one set up by an older version of this project, or one whose last
 * setup was cut short. Every step checks before it acts, so running it again is
 * always safe; it runs on every `compose up` and as a Kubernetes Job.
 *   1. the catalog's database, users and grants (accountStatements)
 *   2. its pending migrations, each recorded in schema_migrations after it ran
 *   3. the sample hotels, once per database (loadSampleDataOnce)
 *   4. each saga service's database the same way (service-databases.ts)
 */
import { accountStatements, flavorOf, type Statement } from './account-statements.ts';
import type { DbSetupConfig } from './config.ts';
import { sampleHotelIds } from './sample-inventory.ts';
import { applyMigrations, loadSampleDataOnce, tableHasHistory, type SampleDataDecision, type SetupLog } from './schema-migrations.ts';
import { setupServiceDatabase, type ServiceDatabaseResult } from './service-databases.ts';
import type { SetupFiles } from './setup-files.ts';
import type { SqlSession } from './sql-session.ts';

export type { SampleDataDecision, SetupLog };

export interface SetupResult {
  flavor: string;
  migrationsApplied: string[];
  sampleData: SampleDataDecision;
  services: ServiceDatabaseResult[];
}

/** Serializes concurrent runs (two Jobs, or a Job beside a developer's run). */
const LOCK_NAME = 'booking-db-setup';
const LOCK_WAIT_SECONDS = 60;

export async function setupDatabase(
  sql: SqlSession,
  config: Pick<DbSetupConfig, 'database' | 'app' | 'capture' | 'seedSampleData' | 'services'>,
  files: SetupFiles,
  log: SetupLog,
): Promise<SetupResult> {
  const [lock] = await sql.run('SELECT GET_LOCK(?, ?) AS acquired', [LOCK_NAME, LOCK_WAIT_SECONDS]);
  if (Number(lock?.acquired) !== 1) throw new Error(`another db-setup held the lock "${LOCK_NAME}" for ${LOCK_WAIT_SECONDS} s`);
  const run = async (statement: Statement): Promise<void> => {
    if (statement.onlyIf && (await sql.run(statement.onlyIf.sql, statement.onlyIf.values)).length === 0) return;
    await sql.run(statement.sql, statement.values);
    log.info('ensured', { what: statement.does });
  };
  try {
    const [server] = await sql.run('SELECT VERSION() AS version');
    const flavor = flavorOf(String(server?.version ?? ''));
    for (const statement of accountStatements(config, flavor)) await run(statement);

    const { applied, migrationsApplied } = await applyMigrations(sql, config.database, files.migrations, log);
    const sampleData = await loadSampleDataOnce(
      sql,
      config.seedSampleData,
      { record: files.sampleData, hasHistory: () => tableHasHistory(sql, 'hotels'), load: async () => void (await sql.run(files.sampleData.sql)) },
      applied,
    );
    log.info('sample data', { decision: sampleData });

    const services: ServiceDatabaseResult[] = [];
    for (const service of config.services) {
      const migrations = files.serviceMigrations[service.database];
      if (!migrations) throw new Error(`no migrations were read for the ${service.service} database ${service.database} (mysql/${service.database}/migrations)`);
      const input = { service, capture: config.capture, migrations, seedSampleData: config.seedSampleData, sampleHotelIds: sampleHotelIds(files.sampleData.sql) };
      services.push(await setupServiceDatabase(sql, run, input, log));
    }
    return { flavor, migrationsApplied, sampleData, services };
  } finally {
    await sql.run('SELECT RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => undefined);
  }
}
