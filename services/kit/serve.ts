/**
 * Runs a service until SIGTERM/SIGINT, then stops it gracefully: drain switch on
 * (answers say `Connection: close`, liveness says 503), the HTTP server and any server
 * beside it (the gRPC side, grpc/grpc-server.ts) drained together, then the service's
 * own resources closed (pools, clients), in that order, so no in-flight request or call
 * loses its database connection.
 */
import type { FastifyInstance } from 'fastify';
import { closeWithDrain, type DrainSwitch } from './drain.ts';
import type { Logger } from './logger.ts';
import { onShutdownSignal } from './shutdown-signals.ts';

/** A server a service runs beside its HTTP one, started after it and drained with it. */
export interface SideServer {
  name: string;
  listen(): Promise<number>;
  close(timeoutMs: number): Promise<'drained' | 'timed-out'>;
}

export interface ServeOptions {
  port: number;
  log: Logger;
  drain: DrainSwitch;
  drainTimeoutMs: number;
  /** Exit anyway after this long; keep it below compose's stop_grace_period. */
  hardDeadlineMs: number;
  /** Closes what the service opened (pools, clients), after the server drained. */
  closeResources?: () => Promise<unknown>;
  /** Fields for the `listening` log line. */
  describe?: Record<string, unknown>;
  /** Servers beside the HTTP one (gRPC): listening before `listening` is logged, drained with it. */
  alongside?: SideServer[];
  /** Where the signals come from and exit goes to; the process by default (tests pass their own). */
  proc?: Pick<NodeJS.Process, 'once' | 'exit'>;
}

export async function serve(app: FastifyInstance, options: ServeOptions): Promise<void> {
  const { log } = options;
  const alongside = options.alongside ?? [];
  await app.listen({ port: options.port, host: '0.0.0.0' });
  const sidePorts = Object.fromEntries(await Promise.all(alongside.map(async (side) => [`${side.name}Port`, await side.listen()] as const)));
  log.info('listening', { port: options.port, ...sidePorts, ...options.describe });
  onShutdownSignal(
    async () => {
      options.drain.begin();
      await Promise.all([
        closeWithDrain(app, options.drainTimeoutMs).then((outcome) => log.info('http server closed', { outcome })),
        ...alongside.map((side) => side.close(options.drainTimeoutMs).then((outcome) => log.info(`${side.name} server closed`, { outcome }))),
      ]);
      await options.closeResources?.();
    },
    { log, hardDeadlineMs: options.hardDeadlineMs, proc: options.proc },
  );
}
