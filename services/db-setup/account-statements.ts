/**
 * The users and grants the platform needs, as statements that can run any number of
 * times: CREATE ... IF NOT EXISTS, then ALTER USER so the password is always the one
 * in .env (after a changed .env, the database follows instead of refusing logins).
 */
import type { Account, DbSetupConfig, ServiceDatabase } from './config.ts';

export interface Statement {
  sql: string;
  values: unknown[];
  /** What it does, for the log. */
  does: string;
  /** A query that must return a row for the statement to run (a REVOKE of what may not be held). */
  onlyIf?: { sql: string; values: unknown[] };
}

export type ServerFlavor = 'mysql' | 'mariadb';

export function flavorOf(version: string): ServerFlavor {
  return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
}

/** In GRANT ... ON `db`.*, `_` and `%` are wildcards; escape them so the grant names one database. */
export function grantDatabaseName(database: string): string {
  return database.replace(/[_%]/g, (char) => `\\${char}`);
}

/**
 * The change-capture account gets what Debezium's documentation lists for its MySQL and
 * MariaDB connectors (SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION
 * CLIENT: debezium.io/documentation/reference/stable/connectors/mysql.html#mysql-creating-user
 * and .../mariadb.html#mariadb-creating-user), and no more:
 * - SELECT, which only the snapshot uses, on the captured database alone. The others
 *   exist only as global privileges (MySQL and MariaDB refuse them ON db.*).
 * - MariaDB also needs BINLOG MONITOR to read binlog positions (since 10.5 REPLICATION
 *   CLIENT is only its old alias there); MySQL has no such privilege.
 * Older versions of this project granted SELECT ON *.*; it is revoked when held, so an
 * existing database loses it on the next `up`.
 */
export function accountStatements(config: Pick<DbSetupConfig, 'database' | 'app' | 'capture'>, flavor: ServerFlavor): Statement[] {
  const { database, app, capture } = config;
  const globalPrivileges = ['RELOAD', 'SHOW DATABASES', 'REPLICATION SLAVE', 'REPLICATION CLIENT', ...(flavor === 'mariadb' ? ['BINLOG MONITOR'] : [])];
  return [
    ...ownedDatabaseStatements(database, app, `application user ${app.user}`),
    ...userStatements(capture, `change-capture user ${capture.user}`),
    { sql: `GRANT ${globalPrivileges.join(', ')} ON *.* TO ?@?`, values: [capture.user, '%'], does: `grant ${capture.user} ${globalPrivileges.join(', ')}` },
    captureSelect(database, capture),
    {
      sql: 'REVOKE SELECT ON *.* FROM ?@?',
      values: [capture.user, '%'],
      does: `revoke ${capture.user} SELECT on every database (granted by older versions)`,
      // Both servers keep global privileges in mysql.user (a view over global_priv in MariaDB).
      onlyIf: { sql: "SELECT 1 AS held FROM mysql.user WHERE User = ? AND Host = ? AND Select_priv = 'Y'", values: [capture.user, '%'] },
    },
  ];
}

/**
 * A saga service's database and account: every privilege on its own database, nothing
 * else (no global privilege, no other database). The capture account, made by
 * accountStatements before, may SELECT it: its outbox connector snapshots the outbox.
 */
export function serviceAccountStatements(service: Pick<ServiceDatabase, 'database' | 'account'>, capture: Account): Statement[] {
  const { database, account } = service;
  return [
    ...ownedDatabaseStatements(database, account, `service user ${account.user}`),
    captureSelect(database, capture),
  ];
}

/** The capture account's one privilege on a database: the snapshot reads it. */
function captureSelect(database: string, capture: Account): Statement {
  return { sql: 'GRANT SELECT ON ??.* TO ?@?', values: [grantDatabaseName(database), capture.user, '%'], does: `grant ${capture.user} SELECT on ${database}` };
}

/** A database and the account that owns it: every privilege on it, nothing else. */
function ownedDatabaseStatements(database: string, owner: Account, label: string): Statement[] {
  return [
    { sql: 'CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4', values: [database], does: `database ${database}` },
    ...userStatements(owner, label),
    { sql: 'GRANT ALL ON ??.* TO ?@?', values: [grantDatabaseName(database), owner.user, '%'], does: `grant ${owner.user} all on ${database}` },
  ];
}

function userStatements(account: Account, label: string): Statement[] {
  return [
    { sql: 'CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', values: [account.user, '%', account.password], does: label },
    { sql: 'ALTER USER ?@? IDENTIFIED BY ?', values: [account.user, '%', account.password], does: `password of ${account.user} from .env` },
  ];
}
