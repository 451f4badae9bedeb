/**
 * A service's MySQL account from its environment, and the pool every service opens
 * with it: keep-alive, a bounded wait for a connection, a 5 s connect timeout (a
 * database that is down fails a request fast instead of hanging it), utf8mb4, and
 * UTC both ways: mysql2 writes and reads Dates as UTC and the session's time zone is
 * UTC too, so a TIMESTAMP (a hold's expiry, a saga's step deadline) means the same
 * instant whatever the container's or the server's TZ.
 */
import mysql, { type Pool } from 'mysql2/promise';
import type { EnvReader } from './env-reader.ts';

export interface MysqlAccount {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** MYSQL_HOST, MYSQL_PORT, MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD (compose.yaml passes each service its own). */
export function readMysqlAccount(read: EnvReader): MysqlAccount {
  return {
    host: read.string('MYSQL_HOST', 'mysql'),
    port: read.int('MYSQL_PORT', 3306, { min: 1, max: 65535 }),
    database: read.string('MYSQL_DATABASE'),
    user: read.string('MYSQL_USER'),
    password: read.string('MYSQL_PASSWORD'),
  };
}

export function createServicePool(account: MysqlAccount): Pool {
  const pool = mysql.createPool({
    ...account,
    connectionLimit: 10,
    waitForConnections: true,
    enableKeepAlive: true,
    connectTimeout: 5_000,
    charset: 'utf8mb4',
    timezone: 'Z',
  });
  pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  return pool;
}
