/**
 * Graceful stop of a service's HTTP server: from the first moment, every answer
 * says `Connection: close` and the liveness check answers 503 so HAProxy takes the
 * replica out; then the server stops accepting connections, closes idle keep-alive
 * sockets (Fastify's `forceCloseConnections: 'idle'`), lets in-flight requests
 * finish, and cuts whatever is left when the drain timeout passes.
 */
import type { FastifyInstance } from 'fastify';

export interface DrainSwitch {
  isDraining(): boolean;
  begin(): void;
}

export function drainSwitch(): DrainSwitch {
  let draining = false;
  return {
    isDraining: () => draining,
    begin: () => {
      draining = true;
    },
  };
}

export async function closeWithDrain(app: FastifyInstance, timeoutMs: number): Promise<'drained' | 'timed-out'> {
  const closed = app.close();
  const outcome = await drainedWithin(closed, timeoutMs);
  if (outcome === 'timed-out') {
    app.server.closeAllConnections();
    await closed;
  }
  return outcome;
}

/** Whether a closing server finished within the timeout (the timer never outlives it). */
export async function drainedWithin(closed: Promise<unknown>, timeoutMs: number): Promise<'drained' | 'timed-out'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, 'timed-out');
  });
  const outcome = await Promise.race([closed.then(() => 'drained' as const), timedOut]);
  clearTimeout(timer);
  return outcome;
}
