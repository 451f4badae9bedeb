/**
 * The saga services' databases (issue 20), set up after the catalog's by the same
 * rules: database, account and grants; pending migrations, recorded in the database's
 * own schema_migrations; sample data once (the inventory database's room types and
 * nights). Every step checks before it acts, so a second run changes nothing.
 */
import { serviceAccountStatements, type Statement } from './account-statements.ts';
import type { Account, ServiceDatabase } from './config.ts';
import { sampleInventoryRecord, nightsFrom, sampleRoomTypes } from './sample-inventory.ts';
import { applyMigrations, loadSampleDataOnce, tableHasRows, type SampleData, type SampleDataDecision, type SetupLog } from './schema-migrations.ts';
import type { SetupFile } from './setup-files.ts';
import type { SqlSession } from './sql-session.ts';

export interface ServiceDatabaseResult {
  database: string;
  migrationsApplied: string[];
  /** Only the inventory database has sample data. */
  sampleData?: SampleDataDecision;
}

export interface ServiceSetupInput {
  service: ServiceDatabase;
  capture: Account;
  migrations: SetupFile[];
  seedSampleData: boolean;
  /** The catalog's sample hotels, which get room types. */
  sampleHotelIds: number[];
}

export async function setupServiceDatabase(
  sql: SqlSession,
  run: (statement: Statement) => Promise<void>,
  input: ServiceSetupInput,
  log: SetupLog,
): Promise<ServiceDatabaseResult> {
  const { service, capture, migrations } = input;
  for (const statement of serviceAccountStatements(service, capture)) await run(statement);
  const { applied, migrationsApplied } = await applyMigrations(sql, service.database, migrations, log);
  if (!service.sampleInventory) return { database: service.database, migrationsApplied };
  const sampleData = await loadSampleDataOnce(sql, input.seedSampleData, sampleInventory(sql, input.sampleHotelIds), applied);
  log.info('sample data', { database: service.database, decision: sampleData });
  return { database: service.database, migrationsApplied, sampleData };
}

/** Room types for the sample hotels, and their rooms free on every night from the server's today. */
function sampleInventory(sql: SqlSession, hotelIds: number[]): SampleData {
  const roomTypes = hotelIds.flatMap(sampleRoomTypes);
  return {
    record: sampleInventoryRecord(roomTypes),
    // Rows only, not the AUTO_INCREMENT counter the catalog also reads: InnoDB does not roll
    // the counter back, so a load cut short would read as history and never load again.
    // The tables are new with this schema; the record is what keeps a user's deletes.
    hasHistory: async () => (await tableHasRows(sql, 'room_types')) || (await tableHasRows(sql, 'room_nights')),
    async load() {
      const [server] = await sql.run("SELECT DATE_FORMAT(CURRENT_DATE, '%Y-%m-%d') AS today");
      const nights = nightsFrom(String(server?.today));
      await sql.run('INSERT INTO room_types (hotel_id, name, capacity, room_count, nightly_price_minor, currency) VALUES ?', [
        roomTypes.map((type) => [type.hotelId, type.name, type.capacity, type.roomCount, type.nightlyPriceMinor, type.currency]),
      ]);
      // The table never held a row (hasHistory), so every row is one just inserted.
      for (const row of await sql.run('SELECT id, room_count FROM room_types ORDER BY id')) {
        await sql.run('INSERT INTO room_nights (room_type_id, night, available) VALUES ?', [nights.map((night) => [row.id, night, row.room_count])]);
      }
    },
  };
}
