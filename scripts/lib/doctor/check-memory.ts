/**
 * Elastic asks for >= 4 GiB for Docker; the stack is sized to fit in 3 GiB, so below 4
 * is a failure and below 6 a warning (the IDE and browser also live there on a laptop).
 */
import { GiB, fail, formatGiB, ok, skip, warn, type CheckResult } from './check.ts';
import type { DockerKernel } from './docker-kernel.ts';

export const MEMORY_FAIL_BELOW = 4 * GiB;
export const MEMORY_WARN_BELOW = 6 * GiB;
const FIX = 'give Docker more memory: Docker Desktop → Settings → Resources → Memory (6 GiB or more)';

export function memoryCheck(kernel: DockerKernel | { error: string } | undefined): CheckResult {
  if (!kernel) return skip('memory', 'skipped: Docker is not reachable');
  if ('error' in kernel) return warn('memory', `could not measure Docker's memory: ${kernel.error}`, 'run `docker info` and check "Total Memory"');
  const total = kernel.memTotalBytes;
  const available = kernel.memAvailableBytes === undefined ? '' : `, ${formatGiB(kernel.memAvailableBytes)} free`;
  const summary = `${formatGiB(total)} for Docker${available} (measured by ${kernel.source})`;
  if (total < MEMORY_FAIL_BELOW) return fail('memory', `${summary}; the stack needs at least 4 GiB`, FIX);
  if (total < MEMORY_WARN_BELOW) return warn('memory', `${summary}; 6 GiB or more is comfortable`, FIX);
  return ok('memory', summary);
}
