/**
 * One dependency's part of /api/healthz. The answer is public (HAProxy routes /api/
 * to the replicas): it names the dependency and its state, never the error, whose
 * text carries internal host names, addresses and ports ("connect ECONNREFUSED
 * 172.18.0.5:9200"). The error goes to the replica's log, where `npm run logs` shows it.
 */
import type { Logger } from '../kit/logger.ts';

export type DependencyState = 'ok' | 'unavailable' | 'timeout';

export const HEALTH_PROBE_TIMEOUT_MS = 1_500;

export async function probeDependency(
  dependency: string,
  check: () => Promise<void>,
  log: Logger,
  timeoutMs = HEALTH_PROBE_TIMEOUT_MS,
): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DependencyState>((resolve) => {
    timer = setTimeout(() => {
      log.warn('health probe got no answer', { dependency, timeoutMs });
      resolve('timeout');
    }, timeoutMs);
    timer.unref();
  });
  const answer = check().then(
    (): DependencyState => 'ok',
    (error: unknown): DependencyState => {
      log.warn('health probe failed', { dependency, error });
      return 'unavailable';
    },
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
