/**
 * Sweeps expired holds: every `intervalMs`, the held holds past their expiry are
 * expired one by one, each in its own transaction (hold-commands.ts expireHold
 * re-checks under the row lock, so a ConfirmHold racing the sweep wins or loses
 * cleanly, never both). A failing pass is logged and the next one tries again.
 */
import type { HoldCommands } from './hold-commands.ts';

export interface SweepDeps {
  /** Held holds past expiry, read outside any hold's lock. */
  expiredHolds: (now: Date, limit: number) => Promise<string[]>;
  expireHold: HoldCommands['expireHold'];
  now: () => Date;
  batchSize?: number;
}

/** One pass; returns the number of holds it expired. */
export async function sweepExpiredHolds(deps: SweepDeps): Promise<number> {
  let expired = 0;
  for (const bookingId of await deps.expiredHolds(deps.now(), deps.batchSize ?? 100)) {
    if (await deps.expireHold(bookingId)) expired++;
  }
  return expired;
}
