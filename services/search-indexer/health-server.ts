/**
 * Internal HTTP endpoint of the indexer (HEALTH_PORT, not published):
 * GET /healthz → status, counters and consumer lag. Lag needs two admin calls, so
 * it is bounded by a timeout and reported as an error string when unavailable.
 */
import { createServer, type Server } from 'node:http';
import type { ConsumerLag } from './consumer-lag.ts';
import { healthOf, type IndexerStatus } from './indexer-status.ts';

export interface HealthServerDeps {
  status: () => IndexerStatus;
  lag: () => Promise<ConsumerLag>;
  lagTimeoutMs?: number;
}

export function createHealthServer(deps: HealthServerDeps): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/healthz') {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not found; try GET /healthz"}');
      return;
    }
    void healthBody(deps).then(({ httpStatus, body }) => {
      res.writeHead(httpStatus, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });
}

export async function healthBody(deps: HealthServerDeps) {
  const status = deps.status();
  const { httpStatus, state } = healthOf(status);
  let lag: ConsumerLag | { error: string };
  try {
    lag = await withTimeout(deps.lag(), deps.lagTimeoutMs ?? 1_500);
  } catch (error) {
    lag = { error: (error as Error).message };
  }
  return { httpStatus, body: { status: state, ...status, lag } };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`lag not known within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
