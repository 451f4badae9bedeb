/**
 * The entry point every service with a gRPC side and its own database shares
 * (inventory, payment): its config (rpc-service-config.ts, a bad one exits with every
 * problem named), logger, MySQL pool, the kit's HTTP service (/healthz for HAProxy's
 * checks, 503 while draining), the gRPC server beside it, and serve(), which drains
 * both on SIGTERM and then closes the pool. A service passes its routes and, through
 * `alsoRun`, anything more it runs on the same pool (the saga's command consumer,
 * branch w/saga-outbox) with the function that stops it.
 */
import type { ConnectRouter } from '@connectrpc/connect';
import type { Pool } from 'mysql2/promise';
import { drainSwitch, type DrainSwitch } from '../drain.ts';
import { createService } from '../http-service.ts';
import { loadConfigOrExit } from '../load-config-or-exit.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createServicePool } from '../mysql-pool.ts';
import { loadRpcServiceConfig, SHUTDOWN_DEADLINE_MARGIN_MS, type RpcServiceConfig } from '../rpc-service-config.ts';
import { serve } from '../serve.ts';
import { createGrpcServer } from './grpc-server.ts';

export interface RpcServiceParts {
  config: RpcServiceConfig;
  pool: Pool;
  drain: DrainSwitch;
  log: Logger;
}

export interface RpcServiceOptions {
  /** SERVICE_NAME's default, and the name of a configuration failure's log line. */
  name: string;
  routes: (parts: RpcServiceParts) => (router: ConnectRouter) => void;
  /** Started after the servers listen; the returned function stops it before the pool closes. */
  alsoRun?: (parts: RpcServiceParts) => Promise<() => Promise<void>>;
}

export async function runRpcService({ name, routes, alsoRun }: RpcServiceOptions): Promise<void> {
  const config = loadConfigOrExit(() => loadRpcServiceConfig(process.env, name), name);
  const log = createLogger({ service: config.serviceName }, { level: config.logLevel });
  const pool = createServicePool(config.mysql);
  const drain = drainSwitch();
  const parts = { config, pool, drain, log };
  const app = createService({ name: config.serviceName, log, isDraining: drain.isDraining });
  const grpc = createGrpcServer({ port: config.grpcPort, log, routes: routes(parts) });
  let stopMore: (() => Promise<void>) | undefined;
  await serve(app, {
    port: config.port,
    log,
    drain,
    drainTimeoutMs: config.drainTimeoutMs,
    hardDeadlineMs: config.drainTimeoutMs + SHUTDOWN_DEADLINE_MARGIN_MS,
    alongside: [{ name: 'grpc', listen: () => grpc.listen(), close: (timeoutMs) => grpc.close(timeoutMs) }],
    closeResources: async () => {
      await stopMore?.();
      await pool.end();
    },
    describe: { database: config.mysql.database },
  });
  stopMore = await alsoRun?.(parts);
}
