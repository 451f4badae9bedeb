/**
 * The configuration every service with a gRPC side and its own database reads
 * (inventory, payment): its name, the kit HTTP port (/healthz, which HAProxy checks),
 * the gRPC port, its database account, the drain timeout. Compose passes each service
 * its own database and account (INVENTORY_DB_* -> MYSQL_*, compose/compose.yaml), so
 * the service code never names another's.
 */
import { envReader, type Env } from './env-reader.ts';
import { parseLogLevel, type LogLevel } from './logger.ts';
import { readMysqlAccount, type MysqlAccount } from './mysql-pool.ts';

export interface RpcServiceConfig {
  serviceName: string;
  port: number;
  grpcPort: number;
  logLevel: LogLevel;
  mysql: MysqlAccount;
  /** How long in-flight requests and calls may take to finish after SIGTERM. */
  drainTimeoutMs: number;
}

/** compose.yaml's stop_grace_period is 15 s: drain 7 s, then 2 s to close pools, then exit regardless. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 7_000;
export const SHUTDOWN_DEADLINE_MARGIN_MS = 2_000;

export function loadRpcServiceConfig(env: Env, defaultName: string): RpcServiceConfig {
  const read = envReader(env);
  const config: RpcServiceConfig = {
    serviceName: read.string('SERVICE_NAME', defaultName),
    port: read.int('PORT', 3000, { min: 1, max: 65535 }),
    grpcPort: read.int('GRPC_PORT', 50051, { min: 1, max: 65535 }),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    mysql: readMysqlAccount(read),
    drainTimeoutMs: read.int('DRAIN_TIMEOUT_MS', DEFAULT_DRAIN_TIMEOUT_MS, { min: 0, max: 60_000 }),
  };
  read.done();
  return config;
}
