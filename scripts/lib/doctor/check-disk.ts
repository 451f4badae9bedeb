/**
 * Images (Elasticsearch alone is ~1.3 GB) plus data need room: below 5 GiB free,
 * pulls and Elasticsearch's disk watermarks fail in confusing ways.
 */
import { statfs } from 'node:fs/promises';
import { GiB, fail, formatGiB, ok, warn, type CheckResult } from './check.ts';

export const MIN_FREE_DISK = 5 * GiB;

export type FreeBytes = (path: string) => Promise<number>;

export const realFreeBytes: FreeBytes = async (path) => {
  const stats = await statfs(path);
  return stats.bavail * stats.bsize;
};

export async function diskCheck(paths: string[], freeBytes: FreeBytes = realFreeBytes): Promise<CheckResult> {
  for (const path of paths) {
    try {
      const free = await freeBytes(path);
      const summary = `${formatGiB(free)} free on the disk holding ${path}`;
      if (free < MIN_FREE_DISK) return fail('disk', `${summary}; at least 5 GiB is needed`, 'free disk space (`docker system prune` removes unused images and build cache)');
      return ok('disk', summary);
    } catch {
      // Not on this host (Docker Desktop keeps its data root inside a VM): try the next path.
    }
  }
  return warn('disk', 'could not measure free disk space', 'check free space with `df -h`');
}
