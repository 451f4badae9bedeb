/**
 * A background pass repeated every `intervalMs` until the service stops (the
 * inventory's hold-expiry sweep, the payment's slow authorizations). A failing pass
 * (the database away) is logged and the next one tries again: a loop like this
 * must outlive every outage, never crash the service.
 */
import type { Logger } from './logger.ts';

export interface PeriodicDeps {
  /** What one pass does; returns how many things it changed (logged when more than 0). */
  pass: () => Promise<number>;
  /** Says what the pass did in the log: `<what>` with the count as `changed`. */
  what: string;
  intervalMs: number;
  sleep: (ms: number) => Promise<void>;
  running: () => boolean;
  log: Logger;
}

export async function runPeriodically(deps: PeriodicDeps): Promise<void> {
  while (deps.running()) {
    try {
      const changed = await deps.pass();
      if (changed > 0) deps.log.info(deps.what, { changed });
    } catch (error) {
      deps.log.warn(`${deps.what}: pass failed, trying again next interval`, { error, intervalMs: deps.intervalMs });
    }
    await deps.sleep(deps.intervalMs);
  }
}
