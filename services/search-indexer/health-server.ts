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
  /** Date search's pipeline (issue 21): its own status and lag, reported under `availability`. */
  availability?: { status: () => IndexerStatus; lag: () => Promise<ConsumerLag> };
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
  const hotels = healthOf(status, deps.dlqTopic);
  const availabilityStatus = deps.availability?.status();
  const availability = availabilityStatus ? healthOf(availabilityStatus, deps.dlqTopic) : undefined;
  // Either consumer out of its group makes the indexer unavailable; their causes are listed together.
  const httpStatus = Math.max(hotels.httpStatus, availability?.httpStatus ?? 0);
  const causes = [...hotels.causes, ...(availability?.causes ?? []).map((cause) => `availability: ${cause}`)];
  const state = httpStatus !== 200 ? 'unavailable' : causes.length > 0 ? 'degraded' : 'ok';
  const timeoutMs = deps.lagTimeoutMs ?? 1_500;
  const [lag, documents, availabilityLag] = await Promise.all([
    settle(() => withTimeout(deps.lag(), timeoutMs, 'lag')),
    deps.documents ? settle(() => withTimeout(deps.documents!(), timeoutMs, 'document count')) : undefined,
    deps.availability ? settle(() => withTimeout(deps.availability!.lag(), timeoutMs, 'availability lag')) : undefined,
  ]);
  const { problem, fix } = status.searchIndex;
  return {
    httpStatus,
    body: {
      status: state,
      ...(causes.length > 0 ? { causes } : {}),
      ...(problem ? { problem, fix } : {}),
      ...status,
      documents,
      lag,
      ...(availabilityStatus ? { availability: { ...availabilityStatus, lag: availabilityLag } } : {}),
    },
  };
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
