import { describe, expect, it } from 'vitest';
import { accountStatements, flavorOf, grantDatabaseName } from '../../../../services/db-setup/account-statements.ts';
import { loadDbSetupConfig } from '../../../../services/db-setup/config.ts';
import { checksum, pendingMigrations, readSetupFiles, type SetupFiles } from '../../../../services/db-setup/setup-files.ts';
import { setupDatabase } from '../../../../services/db-setup/setup-database.ts';
import { paths } from '../../../../scripts/lib/paths.ts';
import { fakeDatabase } from './fake-database.ts';

// The catalog alone: what these tests prove holds whether or not saga databases follow (service-databases.test.ts).
const config = {
  database: 'booking',
  app: { user: 'catalog', password: 'app-secret' },
  capture: { user: 'debezium', password: 'cdc-secret' },
  seedSampleData: true,
  services: [],
};
const quiet = { info: () => undefined };
// The repository's real files: the tests also catch a migration that breaks the naming rule.
const files: SetupFiles = readSetupFiles(`${paths.repoRoot}/mysql`);
const allMigrations = ['migrations/0001-create-hotels.sql', 'migrations/0002-versions-survive-reinsert.sql', 'migrations/0003-hotel-images.sql'];

describe('db-setup', () => {
  it('sets up an empty server: users, migrations, sample hotels', async () => {
    const db = fakeDatabase();
    const result = await setupDatabase(db, config, files, quiet);
    expect(result).toEqual({ flavor: 'mariadb', migrationsApplied: allMigrations, sampleData: 'loaded', services: [] });
    expect([...db.users]).toEqual([['catalog', 'app-secret'], ['debezium', 'cdc-secret']]);
    expect(db.hotels.rows).toBe(6);
    expect([...db.records.keys()]).toEqual([...allMigrations, 'sample-data/hotels.sql']);
  });

  it('changes nothing on a second run, and never reloads a sample hotel the user deleted', async () => {
    const db = fakeDatabase();
    await setupDatabase(db, config, files, quiet);
    db.hotels.rows = 0; // the user deleted every sample hotel
    const again = await setupDatabase(db, config, files, quiet);
    expect(again).toMatchObject({ migrationsApplied: [], sampleData: 'already-decided' });
    expect(db.hotels.rows).toBe(0);
  });

  it('adopts a database set up before migrations existed without loading the samples twice', async () => {
    const db = fakeDatabase();
    db.hotels = { exists: true, rows: 4, nextId: 9 }; // loaded once, two deleted since
    const result = await setupDatabase(db, config, files, quiet);
    expect(result).toMatchObject({ migrationsApplied: allMigrations, sampleData: 'table-has-history' });
    expect(db.hotels.rows).toBe(4);
    expect(db.records.has('sample-data/hotels.sql')).toBe(true);
  });

  it('reads history from the AUTO_INCREMENT counter when every row was deleted', async () => {
    const db = fakeDatabase();
    db.hotels = { exists: true, rows: 0, nextId: 7 };
    expect((await setupDatabase(db, config, files, quiet)).sampleData).toBe('table-has-history');
    expect(db.hotels.rows).toBe(0);
  });

  it('loads the samples into a legacy table that never held a row (its first init was cut short)', async () => {
    const db = fakeDatabase();
    db.hotels = { exists: true, rows: 0, nextId: 1 };
    db.users.set('catalog', 'app-secret'); // the entrypoint made the app user, the capture user never came
    const result = await setupDatabase(db, config, files, quiet);
    expect(result.sampleData).toBe('loaded');
    expect(db.users.get('debezium')).toBe('cdc-secret');
  });

  it('finishes on the next run what a run cut short left undone', async () => {
    const db = fakeDatabase();
    db.failOn = /INSERT INTO hotels/;
    await expect(setupDatabase(db, config, files, quiet)).rejects.toThrow(/injected failure/);
    // The sample rows and their record are one transaction: neither is there.
    expect(db.records.has('sample-data/hotels.sql')).toBe(false);
    db.failOn = undefined;
    const result = await setupDatabase(db, config, files, quiet);
    expect(result).toMatchObject({ migrationsApplied: [], sampleData: 'loaded' });
    expect(db.hotels.rows).toBe(6);
  });

  it('leaves the table empty when SEED_SAMPLE_DATA=false, and records nothing so true later still loads', async () => {
    const db = fakeDatabase();
    expect((await setupDatabase(db, { ...config, seedSampleData: false }, files, quiet)).sampleData).toBe('disabled');
    expect(db.hotels.rows).toBe(0);
    expect((await setupDatabase(db, config, files, quiet)).sampleData).toBe('loaded');
  });

  it('sets the passwords from .env on every run', async () => {
    const db = fakeDatabase();
    await setupDatabase(db, config, files, quiet);
    await setupDatabase(db, { ...config, capture: { user: 'debezium', password: 'rotated' } }, files, quiet);
    expect(db.users.get('debezium')).toBe('rotated');
  });

  it('releases its lock when a step fails', async () => {
    const db = fakeDatabase();
    db.failOn = /^CREATE USER/;
    await expect(setupDatabase(db, config, files, quiet)).rejects.toThrow();
    expect(db.statements.at(-1)).toMatch(/^SELECT RELEASE_LOCK/);
  });
});

describe('migrations', () => {
  const m = (name: string, sql: string) => ({ name, sql, checksum: checksum(sql) });

  it('are applied in order, skipping those already recorded', () => {
    const all = [m('migrations/0001-a.sql', 'A'), m('migrations/0002-b.sql', 'B')];
    expect(pendingMigrations(all, [{ name: 'migrations/0001-a.sql', checksum: checksum('A') }]).map((x) => x.name)).toEqual(['migrations/0002-b.sql']);
  });

  it('refuse an applied migration whose text changed, naming it and the fix', () => {
    const all = [m('migrations/0001-a.sql', 'A changed')];
    expect(() => pendingMigrations(all, [{ name: 'migrations/0001-a.sql', checksum: checksum('A') }])).toThrow(
      /0001-a\.sql changed after it was applied.*new migration/,
    );
  });

  it('do not count line endings as an edit', () => {
    expect(checksum('A;\r\nB;\r\n')).toBe(checksum('A;\nB;\n'));
  });

  it('must be named NNNN-words.sql', () => {
    const reader = { list: () => ['0001-ok.sql', 'add rooms.sql'], read: () => 'SELECT 1' };
    expect(() => readSetupFiles('/x', [], reader)).toThrow(/migrations\/add rooms\.sql/);
  });
});

describe('accounts', () => {
  it('grant MariaDB the binlog privilege MySQL does not have', () => {
    const grant = (flavor: 'mysql' | 'mariadb') => accountStatements(config, flavor).find((s) => s.values[0] === 'debezium' && s.sql.startsWith('GRANT'))!.sql;
    expect(grant('mariadb')).toContain('BINLOG MONITOR');
    expect(grant('mysql')).not.toContain('BINLOG MONITOR');
    expect(grant('mysql')).toContain('REPLICATION SLAVE, REPLICATION CLIENT');
    expect(flavorOf('8.4.3')).toBe('mysql');
    expect(flavorOf('11.8.3-MariaDB-deb13')).toBe('mariadb');
  });

  for (const flavor of ['mysql', 'mariadb'] as const) it(`${flavor}: give the capture user SELECT on the captured database only, the rest globally as Debezium documents`, () => {
    const grants = accountStatements(config, flavor).filter((s) => s.sql.startsWith('GRANT') && s.values.includes('debezium'));
    const global = grants.filter((s) => s.sql.includes(' ON *.* '));
    expect(global).toHaveLength(1);
    expect(global[0]!.sql).not.toMatch(/\bSELECT\b/);
    expect(global[0]!.sql).toContain('RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT');
    const scoped = grants.filter((s) => !s.sql.includes(' ON *.* '));
    expect(scoped.map((s) => [s.sql, s.values])).toEqual([['GRANT SELECT ON ??.* TO ?@?', [grantDatabaseName('booking'), 'debezium', '%']]]);
  });

  it("revoke the SELECT ON *.* an older version granted, once: a second run sends no REVOKE", async () => {
    const db = fakeDatabase();
    db.globalSelect.add('debezium');
    await setupDatabase(db, config, files, quiet);
    expect(db.globalSelect.has('debezium')).toBe(false);
    expect(db.statements.filter((sql) => sql.startsWith('REVOKE'))).toHaveLength(1);
    db.statements.length = 0;
    await setupDatabase(db, config, files, quiet);
    expect(db.statements.filter((sql) => sql.startsWith('REVOKE'))).toEqual([]);
    expect(db.globalSelect.has('debezium')).toBe(false);
  });

  it('never splice a password into SQL text', () => {
    const statements = accountStatements({ ...config, app: { user: 'catalog', password: "x'; DROP TABLE hotels; --" } }, 'mysql');
    expect(statements.every((s) => !s.sql.includes('DROP TABLE'))).toBe(true);
  });

  it('escape grant wildcards so a grant names one database', () => {
    expect(grantDatabaseName('my_db%')).toBe('my\\_db\\%');
  });

  it('config refuses a database name that is not a plain identifier', () => {
    expect(() => loadDbSetupConfig({ MYSQL_ROOT_PASSWORD: 'r', MYSQL_DATABASE: 'a`b', MYSQL_USER: 'u', MYSQL_PASSWORD: 'p', DEBEZIUM_DB_USER: 'd', DEBEZIUM_DB_PASSWORD: 'q' })).toThrow(
      /MYSQL_DATABASE must be letters, digits and _/,
    );
  });
});
