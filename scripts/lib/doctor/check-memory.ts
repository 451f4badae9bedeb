/**
 * Elastic asks for >= 4 GiB for Docker; the whole stack is sized to fit in under 4, so below
 * 4 is a failure and below 6 a warning (the IDE and browser also live there on a laptop).
 * A smaller profile needs less (profiles-config.ts MEMORY_BUDGETS): its services' budget,
 * rounded up to the next half GiB, is the floor, and 2 GiB more is comfortable.
 */
import { GiB, fail, formatGiB, ok, skip, warn, type CheckResult } from './check.ts';
import type { DockerKernel } from './docker-kernel.ts';

export const MEMORY_FAIL_BELOW = 4 * GiB;
export const MEMORY_WARN_BELOW = 6 * GiB;
/** What a comfortable machine has beyond a profile's floor. */
const COMFORT_MARGIN = 2 * GiB;
const HALF_GIB = GiB / 2;
const FIX = 'give Docker more memory: Docker Desktop → Settings → Resources → Memory (6 GiB or more)';

/** The profile whose memory is checked: its name and its services' budget. */
export interface MemoryNeed {
  profile: string;
  budgetMib: number;
  /** The profile's services are the whole stack: the floor stays Elastic's 4 GiB. */
  whole: boolean;
}

/** The floor and the comfortable size for a profile; the whole stack keeps 4 and 6 GiB. */
export function memoryThresholds(need: MemoryNeed | undefined): { failBelow: number; warnBelow: number } {
  if (!need || need.whole) return { failBelow: MEMORY_FAIL_BELOW, warnBelow: MEMORY_WARN_BELOW };
  const failBelow = Math.min(MEMORY_FAIL_BELOW, Math.ceil((need.budgetMib * 1024 * 1024) / HALF_GIB) * HALF_GIB);
  return { failBelow, warnBelow: failBelow + COMFORT_MARGIN };
}

export function memoryCheck(kernel: DockerKernel | { error: string } | undefined, need?: MemoryNeed): CheckResult {
  if (!kernel) return skip('memory', 'skipped: Docker is not reachable');
  if ('error' in kernel) return warn('memory', `could not measure Docker's memory: ${kernel.error}`, 'run `docker info` and check "Total Memory"');
  const total = kernel.memTotalBytes;
  const available = kernel.memAvailableBytes === undefined ? '' : `, ${formatGiB(kernel.memAvailableBytes)} free`;
  const summary = `${formatGiB(total)} for Docker${available} (measured by ${kernel.source})`;
  const { failBelow, warnBelow } = memoryThresholds(need);
  const what = need && !need.whole ? `profile ${need.profile} (its services take about ${formatGiB(need.budgetMib * 1024 * 1024)})` : 'the stack';
  const smaller = need?.whole ? '; or a smaller profile: npm run up -- --profile core' : '';
  if (total < failBelow) return fail('memory', `${summary}; ${what} needs at least ${formatGiB(failBelow)}`, `${FIX}${smaller}`);
  if (total < warnBelow) return warn('memory', `${summary}; ${formatGiB(warnBelow)} or more is comfortable for ${what}`, `${FIX}${smaller}`);
  return ok('memory', need && !need.whole ? `${summary}; enough for ${what}` : summary);
}
