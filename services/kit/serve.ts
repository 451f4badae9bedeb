/**
 * Runs a service until SIGTERM/SIGINT, then stops it gracefully: drain switch on
 * (answers say `Connection: close`, liveness says 503), the HTTP server drained
 * (drain.ts), then the service's own resources closed (pools, clients), in that
 * order, so no in-flight request loses its database connection.
 */
import type { FastifyInstance } from 'fastify';
import { closeWithDrain, type DrainSwitch } from './drain.ts';
import type { Logger } from './logger.ts';
import { onShutdownSignal } from './shutdown-signals.ts';

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
}

export async function serve(app: FastifyInstance, options: ServeOptions): Promise<void> {
  const { log } = options;
  await app.listen({ port: options.port, host: '0.0.0.0' });
  log.info('listening', { port: options.port, ...options.describe });
  onShutdownSignal(
    async () => {
      options.drain.begin();
      const outcome = await closeWithDrain(app, options.drainTimeoutMs);
      log.info('http server closed', { outcome });
      await options.closeResources?.();
    },
    { log, hardDeadlineMs: options.hardDeadlineMs },
  );
}
