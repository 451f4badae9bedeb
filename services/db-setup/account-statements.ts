/**
 * The users and grants the platform needs, as statements that can run any number of
 * times: CREATE ... IF NOT EXISTS, then ALTER USER so the password is always the one
 * in .env (after a changed .env, the database follows instead of refusing logins).
 */
import type { DbSetupConfig } from './config.ts';

export interface Statement {
  sql: string;
  values: unknown[];
  /** What it does, for the log. */
  does: string;
}

export type ServerFlavor = 'mysql' | 'mariadb';

export function flavorOf(version: string): ServerFlavor {
  return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
}

/** In GRANT ... ON `db`.*, `_` and `%` are wildcards; escape them so the grant names one database. */
export function grantDatabaseName(database: string): string {
  return database.replace(/[_%]/g, (char) => `\\${char}`);
}

export function accountStatements(config: Pick<DbSetupConfig, 'database' | 'app' | 'capture'>, flavor: ServerFlavor): Statement[] {
  const { database, app, capture } = config;
  // Debezium's documented grants. MariaDB also needs BINLOG MONITOR to read binlog
  // positions (REPLICATION CLIENT is only its old alias there); MySQL has no such privilege.
  const capturePrivileges = ['SELECT', 'RELOAD', 'SHOW DATABASES', 'REPLICATION SLAVE', 'REPLICATION CLIENT', ...(flavor === 'mariadb' ? ['BINLOG MONITOR'] : [])];
  return [
    { sql: 'CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4', values: [database], does: `database ${database}` },
    ...userStatements(app, `application user ${app.user}`),
    { sql: 'GRANT ALL ON ??.* TO ?@?', values: [grantDatabaseName(database), app.user, '%'], does: `grant ${app.user} all on ${database}` },
    ...userStatements(capture, `change-capture user ${capture.user}`),
    { sql: `GRANT ${capturePrivileges.join(', ')} ON *.* TO ?@?`, values: [capture.user, '%'], does: `grant ${capture.user} ${capturePrivileges.join(', ')}` },
  ];
}

function userStatements(account: { user: string; password: string }, label: string): Statement[] {
  return [
    { sql: 'CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', values: [account.user, '%', account.password], does: label },
    { sql: 'ALTER USER ?@? IDENTIFIED BY ?', values: [account.user, '%', account.password], does: `password of ${account.user} from .env` },
  ];
}
