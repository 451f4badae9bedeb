/**
 * Elasticsearch exits 78 at boot when vm.max_map_count < 262144 (its bootstrap
 * check). The value that matters is the kernel containers run on: measured inside
 * Docker when possible (docker/for-mac#7047, docker/for-win#5202), else read from
 * the host on Linux, where Docker shares the host kernel.
 */
import { fail, ok, skip, type CheckResult } from './check.ts';

export const MIN_MAX_MAP_COUNT = 262144;

export interface MaxMapCountInput {
  inDocker?: number;
  platform?: NodeJS.Platform;
  readHostFile?: (path: string) => string | undefined;
}

export function maxMapCountCheck({ inDocker, platform = process.platform, readHostFile }: MaxMapCountInput): CheckResult {
  let value = inDocker;
  let where = "inside Docker's kernel";
  if (value === undefined && platform === 'linux' && readHostFile) {
    const text = readHostFile('/proc/sys/vm/max_map_count');
    if (text && /^\d+\s*$/.test(text)) {
      value = Number(text.trim());
      where = 'on this host';
    }
  }
  if (value === undefined) {
    return skip('vm.max_map_count', platform === 'linux' ? 'skipped: could not read /proc/sys/vm/max_map_count' : 'skipped: not measurable without Docker on this OS');
  }
  if (value >= MIN_MAX_MAP_COUNT) return ok('vm.max_map_count', `${value} ${where}`);
  const fix =
    platform === 'linux'
      ? `sudo sysctl -w vm.max_map_count=${MIN_MAX_MAP_COUNT} (persist it in /etc/sysctl.d/99-elasticsearch.conf)`
      : platform === 'win32'
        ? `wsl -d docker-desktop sysctl -w vm.max_map_count=${MIN_MAX_MAP_COUNT}`
        : `update Docker Desktop, or run: docker run --rm --privileged <any local image> sysctl -w vm.max_map_count=${MIN_MAX_MAP_COUNT}`;
  return fail('vm.max_map_count', `${value} ${where}; Elasticsearch needs at least ${MIN_MAX_MAP_COUNT} and exits 78 otherwise`, fix);
}
