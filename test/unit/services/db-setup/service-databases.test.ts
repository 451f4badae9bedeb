import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceAccountStatements } from '../../../../services/db-setup/account-statements.ts';
import { loadDbSetupConfig, type ServiceDatabase } from '../../../../services/db-setup/config.ts';
import { nightsFrom, SAMPLE_INVENTORY_DAYS, sampleHotelIds, sampleRoomTypes } from '../../../../services/db-setup/sample-inventory.ts';
import { readSetupFiles } from '../../../../services/db-setup/setup-files.ts';
import { setupDatabase } from '../../../../services/db-setup/setup-database.ts';
import { derivedVariables, SAGA_SERVICES, stackConfigOf } from '../../../../scripts/lib/config/stack-config.ts';
import { paths } from '../../../../scripts/lib/paths.ts';
import { fakeDatabase } from './fake-database.ts';

const account = (name: string): ServiceDatabase['account'] => ({ user: name, password: `${name}-secret` });
const services: ServiceDatabase[] = [
  { service: 'inventory', database: 'inventory', account: account('inventory'), sampleInventory: true },
  { service: 'payment', database: 'payments', account: account('payments'), sampleInventory: false },
  { service: 'booking', database: 'bookings', account: account('bookings'), sampleInventory: false },
];
const config = {
  database: 'booking',
  app: { user: 'catalog', password: 'app-secret' },
  capture: { user: 'debezium', password: 'cdc-secret' },
  seedSampleData: true,
  services,
};
const quiet = { info: () => undefined };
// The repository's real files, so a misnamed or missing migration fails here too.
const files = readSetupFiles(`${paths.repoRoot}/mysql`, services.map((s) => s.database));
const hotelIds = sampleHotelIds(readFileSync(`${paths.repoRoot}/mysql/sample-data/hotels.sql`, 'utf8'));
const roomTypeCount = hotelIds.flatMap(sampleRoomTypes).length;
const shared = ['saga-messaging/migrations/0001-create-outbox-and-inbox.sql', 'saga-messaging/migrations/0002-index-message-ages.sql'];

describe("db-setup's saga service databases", () => {
  it('creates each database and account, applies the shared then its own migrations, and loads the sample inventory', async () => {
    const db = fakeDatabase();
    const result = await setupDatabase(db, config, files, quiet);
    expect(result.services).toEqual([
      { database: 'inventory', migrationsApplied: [...shared, 'inventory/migrations/0001-create-inventory.sql'], sampleData: 'loaded' },
      { database: 'payments', migrationsApplied: [...shared, 'payments/migrations/0001-create-payments.sql', 'payments/migrations/0002-index-payments-by-state.sql'] },
      { database: 'bookings', migrationsApplied: [...shared, 'bookings/migrations/0001-create-bookings.sql'] },
    ]);
    for (const { account: a } of services) expect(db.users.get(a.user)).toBe(a.password);
    expect([...db.recordsOf('inventory').keys()]).toEqual([...shared, 'inventory/migrations/0001-create-inventory.sql', 'sample-data/room-inventory']);
    // The catalog's records stay the catalog's.
    expect([...db.records.keys()].filter((name) => name.includes('saga'))).toEqual([]);
    expect(db.roomTypes.rows).toHaveLength(roomTypeCount);
    expect(db.roomNights).toHaveLength(roomTypeCount * SAMPLE_INVENTORY_DAYS);
    const nightsOfFirst = db.roomNights.filter((row) => row[0] === 1).map((row) => row[1]);
    expect([nightsOfFirst[0], nightsOfFirst.at(-1), nightsOfFirst.length]).toEqual(['2026-12-07', '2027-12-06', 365]);
    expect(db.roomNights.every((row) => row[2] === db.roomTypes.rows.find((type) => type.id === row[0])!.room_count)).toBe(true);
  });

  it('grants each account every privilege on its own database and nothing else; the capture account SELECT on each', async () => {
    const db = fakeDatabase();
    await setupDatabase(db, config, files, quiet);
    for (const { account: a, database } of services) expect(db.grants.filter((grant) => grant.startsWith(`${a.user} `))).toEqual([`${a.user} on ${database}: ALL`]);
    expect(db.grants.filter((grant) => grant.startsWith('debezium on ') && !grant.startsWith('debezium on *'))).toEqual([
      'debezium on booking: SELECT',
      'debezium on inventory: SELECT',
      'debezium on payments: SELECT',
      'debezium on bookings: SELECT',
    ]);
  });

  it('changes nothing on a second run: no migration, no sample row, no record', async () => {
    const db = fakeDatabase();
    await setupDatabase(db, config, files, quiet);
    const before = { types: db.roomTypes.rows.length, nights: db.roomNights.length, records: services.map((s) => [...db.recordsOf(s.database)]) };
    db.today = '2027-01-15'; // a later day: the inventory is still loaded once
    const again = await setupDatabase(db, config, files, quiet);
    expect(again.services.map((s) => [s.migrationsApplied, s.sampleData])).toEqual([[[], 'already-decided'], [[], undefined], [[], undefined]]);
    expect({ types: db.roomTypes.rows.length, nights: db.roomNights.length, records: services.map((s) => [...db.recordsOf(s.database)]) }).toEqual(before);
  });

  it('leaves an inventory that holds rows alone, and records that', async () => {
    const db = fakeDatabase();
    db.roomTypes = { rows: [{ id: 1, room_count: 2 }], nextId: 2 }; // a room type someone added by hand
    expect((await setupDatabase(db, config, files, quiet)).services[0]!.sampleData).toBe('table-has-history');
    expect(db.roomNights).toEqual([]);
    expect(db.recordsOf('inventory').has('sample-data/room-inventory')).toBe(true);
  });

  it('loads no inventory when SEED_SAMPLE_DATA=false, and records nothing so true later still loads', async () => {
    const db = fakeDatabase();
    expect((await setupDatabase(db, { ...config, seedSampleData: false }, files, quiet)).services[0]!.sampleData).toBe('disabled');
    expect(db.roomTypes.rows).toEqual([]);
    expect((await setupDatabase(db, config, files, quiet)).services[0]!.sampleData).toBe('loaded');
  });

  it('loads room types, nights and their record together: a run cut short is finished by the next', async () => {
    const db = fakeDatabase();
    db.failOn = /^INSERT INTO room_nights/;
    await expect(setupDatabase(db, config, files, quiet)).rejects.toThrow(/injected failure/);
    expect([db.roomTypes.rows.length, db.recordsOf('inventory').has('sample-data/room-inventory')]).toEqual([0, false]);
    db.failOn = undefined;
    // The rolled-back insert moved room_types' AUTO_INCREMENT on (InnoDB keeps it): no history for all that.
    expect(db.roomTypes.nextId).toBeGreaterThan(1);
    expect((await setupDatabase(db, config, files, quiet)).services[0]!.sampleData).toBe('loaded');
    expect(db.roomNights).toHaveLength(roomTypeCount * SAMPLE_INVENTORY_DAYS);
  });

  it('sets each service password from .env on every run', async () => {
    const db = fakeDatabase();
    await setupDatabase(db, config, files, quiet);
    const rotated = services.map((s) => (s.service === 'payment' ? { ...s, account: { user: 'payments', password: 'rotated' } } : s));
    await setupDatabase(db, { ...config, services: rotated }, files, quiet);
    expect(db.users.get('payments')).toBe('rotated');
  });
});

describe("a service account's statements", () => {
  it('name its own database alone, never *.* or another database, and never splice the password into SQL', () => {
    const statements = serviceAccountStatements({ database: 'payments', account: { user: 'payments', password: "x'; DROP USER root; --" } }, { user: 'debezium', password: 'p' });
    const grants = statements.filter((s) => /^(GRANT|REVOKE)/.test(s.sql));
    expect(grants.map((s) => [s.sql, s.values])).toEqual([
      ['GRANT ALL ON ??.* TO ?@?', ['payments', 'payments', '%']],
      ['GRANT SELECT ON ??.* TO ?@?', ['payments', 'debezium', '%']],
    ]);
    expect(statements.every((s) => !s.sql.includes('DROP USER') && !s.sql.includes('*.*'))).toBe(true);
  });
});

describe('the sample inventory', () => {
  it('gives every sample hotel (ids 1..N of hotels.sql) two or three room types, the same on every run', () => {
    expect(hotelIds).toEqual([1, 2, 3, 4, 5, 6]);
    for (const id of hotelIds) {
      const types = sampleRoomTypes(id);
      expect(types.length).toBeGreaterThanOrEqual(2);
      expect(types.length).toBeLessThanOrEqual(3);
      expect(new Set(types.map((t) => t.name)).size).toBe(types.length);
      for (const t of types) expect(t.roomCount > 0 && t.capacity > 0 && t.nightlyPriceMinor > 0 && t.currency === 'EUR').toBe(true);
    }
    expect(sampleRoomTypes(3)).toEqual(sampleRoomTypes(3));
  });

  it('covers 365 consecutive nights from today, across month, year and leap-day ends', () => {
    const nights = nightsFrom('2027-12-31');
    expect([nights[0], nights[1], nights.length, nights.at(-1)]).toEqual(['2027-12-31', '2028-01-01', 365, '2028-12-29']);
    expect(nights).toContain('2028-02-29');
    expect(() => nightsFrom('31/12/2027')).toThrow(/not a date/);
  });
});

describe("db-setup's service variables", () => {
  it('are the ones the typed config hands to Compose', () => {
    const stack = stackConfigOf({ DB_ENGINE: 'mysql' });
    const env: Record<string, string> = { ...derivedVariables(stack), MYSQL_ROOT_PASSWORD: 'r', MYSQL_DATABASE: 'booking', MYSQL_USER: 'u', MYSQL_PASSWORD: 'p', DEBEZIUM_DB_USER: 'd', DEBEZIUM_DB_PASSWORD: 'q' };
    for (const service of SAGA_SERVICES) env[stack.saga.services[service].variables.password] = `${service}-pw`;
    const loaded = loadDbSetupConfig(env).services;
    expect(loaded.map((s) => [s.service, s.database, s.account.user, s.account.password])).toEqual(
      SAGA_SERVICES.map((service) => [service, stack.saga.services[service].database, stack.saga.services[service].account, `${service}-pw`]),
    );
  });

  it('refuses an account or a database named twice: one account would get two databases', () => {
    const stack = stackConfigOf({ DB_ENGINE: 'mysql' });
    const env: Record<string, string> = { ...derivedVariables(stack), MYSQL_ROOT_PASSWORD: 'r', MYSQL_DATABASE: 'booking', MYSQL_USER: 'u', MYSQL_PASSWORD: 'p', DEBEZIUM_DB_USER: 'd', DEBEZIUM_DB_PASSWORD: 'q' };
    for (const service of SAGA_SERVICES) env[stack.saga.services[service].variables.password] = `${service}-pw`;
    const inventoryUser = stack.saga.services.inventory.account;
    expect(() => loadDbSetupConfig({ ...env, MYSQL_USER: inventoryUser })).toThrow(`MYSQL_USER and INVENTORY_DB_USER name the same account "${inventoryUser}"`);
    expect(() => loadDbSetupConfig({ ...env, PAYMENTS_DB_USER: 'D' })).toThrow('DEBEZIUM_DB_USER and PAYMENTS_DB_USER name the same account');
    expect(() => loadDbSetupConfig({ ...env, BOOKINGS_DB_NAME: 'booking' })).toThrow('MYSQL_DATABASE and BOOKINGS_DB_NAME name the same database "booking"');
  });
});
