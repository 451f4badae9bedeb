/**
 * Internal HTTP endpoint of the indexer (HEALTH_PORT, not published):
 * GET /healthz → status, counters, the search index's state with the problem and
 * its fix, the document count and the consumer lag per partition. Lag and count
 * each need a request, so they are bounded by a timeout and reported as an error
 * string when unavailable. (The row count is `npm run status`'s: the indexer's only
 * source is the change stream, it holds no database account.)
 */
import type { FastifyInstance } from 'fastify';
import { createService } from '../kit/http-service.ts';
import type { Logger } from '../kit/logger.ts';
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

/** The kit's HTTP service with this body as its /healthz; every other path is the kit's 404. */
export function createHealthServer(deps: HealthServerDeps, service: { name: string; log: Logger }): FastifyInstance {
  return createService({
    ...service,
    liveness: async () => {
      const { httpStatus, body } = await healthBody(deps);
      return { status: httpStatus, body };
    },
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
