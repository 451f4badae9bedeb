/**
 * Graceful stop of an HTTP server: stop accepting connections, close idle
 * keep-alive sockets, let in-flight requests finish, and cut whatever is left
 * when the drain timeout passes.
 */
import type { Server } from 'node:http';

export async function drainServer(server: Server, timeoutMs: number): Promise<'drained' | 'timed-out'> {
  const closed = new Promise<'drained'>((resolve) => server.close(() => resolve('drained')));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, 'timed-out');
  });
  const outcome = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timed-out') server.closeAllConnections();
  return outcome;
}
