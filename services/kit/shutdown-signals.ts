/**
 * Runs one graceful shutdown on the first SIGTERM/SIGINT (Docker sends SIGTERM on
 * `compose stop`, then SIGKILL after the grace period, 10 s by default). A hard
 * deadline below that grace period guarantees the process exits on its own.
 */
import type { Logger } from './logger.ts';

export interface ShutdownOptions {
  log: Logger;
  /** Exit anyway after this long; keep it below compose's stop_grace_period. */
  hardDeadlineMs?: number;
  proc?: Pick<NodeJS.Process, 'once' | 'exit'>;
}

export function onShutdownSignal(shutdown: (signal: string) => Promise<void>, options: ShutdownOptions): void {
  const { log, hardDeadlineMs = 9_000, proc = process } = options;
  let started = false;

  const handle = (signal: string) => {
    if (started) return;
    started = true;
    log.info('shutting down', { signal });
    setTimeout(() => {
      log.error('shutdown took too long, exiting anyway', { hardDeadlineMs });
      proc.exit(1);
    }, hardDeadlineMs).unref();
    shutdown(signal).then(
      () => {
        log.info('shutdown complete');
        proc.exit(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', { error });
        proc.exit(1);
      },
    );
  };

  proc.once('SIGTERM', () => handle('SIGTERM'));
  proc.once('SIGINT', () => handle('SIGINT'));
}
