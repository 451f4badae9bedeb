/**
 * Internal HTTP endpoint of the indexer (HEALTH_PORT, not published):
 * GET /healthz → status, counters, the search index's state with the problem and
 * its fix, the document count and the consumer lag per partition. Lag and count
 * each need a request, so they are bounded by a timeout and reported as an error
 * string when unavailable. (The row count is `npm run status`'s: the indexer's only
 * source is the change stream, it holds no database account.)
 */
import { createServer, type Server } from 'node:http';
import type { ConsumerLag } from './consumer-lag.ts';
import { healthOf, type IndexerStatus } from './indexer-status.ts';

export interface HealthServerDeps {
  status: () => IndexerStatus;
  /** Named in the causes when dead letters cannot be produced. */
  dlqTopic?: string;
  lag: () => Promise<ConsumerLag>;
  /** Documents behind the search alias. */
  documents?: () => Promise<number>;
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
  const { httpStatus, state, causes } = healthOf(status, deps.dlqTopic);
  const timeoutMs = deps.lagTimeoutMs ?? 1_500;
  const [lag, documents] = await Promise.all([
    settle(() => withTimeout(deps.lag(), timeoutMs, 'lag')),
    deps.documents ? settle(() => withTimeout(deps.documents!(), timeoutMs, 'document count')) : undefined,
  ]);
  const { problem, fix } = status.searchIndex;
  return { httpStatus, body: { status: state, ...(causes.length > 0 ? { causes } : {}), ...(problem ? { problem, fix } : {}), ...status, documents, lag } };
}

async function settle<T>(get: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await get();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} not known within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
