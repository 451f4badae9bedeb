/**
 * The `slow` test card's provider, answering late: every `intervalMs`, payments that
 * have been authorizing for `delayMs` (configured longer than the orchestrator's
 * payment step deadline) are authorized, each in its own transaction
 * (payment-commands.ts finishSlowAuthorization re-checks under the row lock, so a
 * VoidPayment that came first keeps the payment voided). Nothing in the consumer
 * waits for it: a slow card never holds a partition.
 */
import type { PaymentCommands } from './payment-commands.ts';

export interface SlowAuthorizationDeps {
  authorizingSince: (before: Date, limit: number) => Promise<string[]>;
  finish: PaymentCommands['finishSlowAuthorization'];
  now: () => Date;
  delayMs: number;
  batchSize?: number;
}

/** One pass; returns how many payments it authorized. */
export async function finishSlowAuthorizations(deps: SlowAuthorizationDeps): Promise<number> {
  let authorized = 0;
  const before = new Date(deps.now().getTime() - deps.delayMs);
  for (const bookingId of await deps.authorizingSince(before, deps.batchSize ?? 100)) {
    if (await deps.finish(bookingId)) authorized++;
  }
  return authorized;
}
