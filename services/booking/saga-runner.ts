/**
 * Moves one saga by one event through the repository: the orchestrator decides on the saga as
 * read inside the transaction, the repository applies it at that version. When another
 * transition won the version in between (a reply and the sweeper at once, two replies from
 * two topics), the event is decided again on the new state; a reply that has become stale
 * meanwhile is then simply ignored.
 */
import type { SagaRepository, TransitionOutcome } from './booking-store.ts';
import { decide, type Decision, type SagaEvent } from './orchestrator.ts';
import type { StepTimeouts } from './saga-state.ts';

export interface SagaRunnerDeps {
  repository: SagaRepository;
  timeouts: StepTimeouts;
  now?: () => Date;
  /** Tries when the version keeps changing under us; beyond it SagaContentionError: the consumer retries the message, the sweeper its next round. */
  maxAttempts?: number;
}

export interface AdvanceResult {
  outcome: TransitionOutcome;
  /** The decision taken on the last try (none for a duplicate or an unknown booking). */
  decision?: Decision;
}

export class SagaContentionError extends Error {
  constructor(bookingId: string, attempts: number) {
    super(`booking ${bookingId}: its saga changed under every one of ${attempts} tries; the event will be delivered again`);
    this.name = 'SagaContentionError';
  }
}

export function createSagaRunner(deps: SagaRunnerDeps) {
  const now = deps.now ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 5;

  return {
    async advance(bookingId: string, event: SagaEvent, messageId?: string): Promise<AdvanceResult> {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        let decision: Decision | undefined;
        const at = now();
        const outcome = await deps.repository.transition(
          bookingId,
          messageId,
          (saga) => (decision = decide(saga, event, at, deps.timeouts)),
          at,
        );
        if (outcome !== 'stale') return { outcome, decision };
      }
      // Thrown, not swallowed: the consumer retries the message, the sweeper its next round.
      throw new SagaContentionError(bookingId, maxAttempts);
    },
  };
}

export type SagaRunner = ReturnType<typeof createSagaRunner>;
