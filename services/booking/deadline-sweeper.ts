/**
 * Every saga ends: a step whose reply does not come (a participant down, a message dead-lettered)
 * is moved on by its deadline. The sweeper asks the database for sagas whose step deadline has
 * passed and gives each a `deadline` event; the orchestrator compensates, retries or, when the
 * reply came meanwhile, ignores it. Several replicas may sweep at once: the optimistic version
 * lets one transition win and the others see a deadline no longer passed. The kit's periodic
 * loop (kit/periodic.ts) runs a pass every SWEEP_INTERVAL_MS.
 */
import { describeError, type Logger } from '../kit/logger.ts';
import type { SagaRepository } from './booking-store.ts';
import type { SagaRunner } from './saga-runner.ts';

export interface SweeperDeps {
  repository: Pick<SagaRepository, 'overdue'>;
  runner: SagaRunner;
  log: Logger;
  now?: () => Date;
  /** Sagas moved per round at most; a longer backlog continues at once in the next round. */
  batchSize?: number;
}

export interface SweepResult {
  found: number;
  moved: number;
  failed: number;
}

export async function sweepOnce(deps: SweeperDeps): Promise<SweepResult> {
  const now = deps.now ?? (() => new Date());
  const ids = await deps.repository.overdue(now(), deps.batchSize ?? 100);
  const result: SweepResult = { found: ids.length, moved: 0, failed: 0 };
  for (const bookingId of ids) {
    try {
      const { outcome } = await deps.runner.advance(bookingId, { kind: 'deadline' });
      if (outcome === 'applied') result.moved++;
    } catch (error) {
      result.failed++;
      deps.log.warn('a saga past its deadline could not be moved; the next round tries again', { bookingId, error: describeError(error) });
    }
  }
  return result;
}
