/**
 * Time as a parameter: every wait takes a Clock so unit tests run on a fake one
 * instead of sleeping. Several waits share one Deadline, so `up` has one time budget
 * (like testcontainers' composite wait strategy, which shares its startup timeout).
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Deadline {
  readonly startedAt: number;
  readonly expiresAt: number;

  constructor(
    readonly clock: Clock,
    readonly budgetMs: number,
  ) {
    this.startedAt = clock.now();
    this.expiresAt = this.startedAt + budgetMs;
  }

  remainingMs(): number {
    return Math.max(0, this.expiresAt - this.clock.now());
  }

  expired(): boolean {
    return this.remainingMs() === 0;
  }

  elapsedMs(): number {
    return this.clock.now() - this.startedAt;
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  // Whole seconds first: 599.6 s is 10 min 0 s, never 9 min 60 s.
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes} min ${seconds} s`;
}
