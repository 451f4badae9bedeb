/**
 * What Docker's kernel offers, measured inside Docker (as Sentry's installer does with
 * `free -m` in a throwaway container): on Docker Desktop the host's RAM and sysctls
 * say nothing about the VM containers run in (docker/for-mac#7047 lowered
 * vm.max_map_count silently). A running container of the stack is asked first
 * (`docker exec`, ~0.1 s: what a no-op `up` pays); else a throwaway container of an
 * image already present — never pull: `--pull never` (~1 s). With neither,
 * `docker info` gives MemTotal, and we say so.
 */
import type { Exec } from '../exec.ts';
import { localImages, normalizeImage } from '../up/local-images.ts';

export interface DockerKernel {
  memTotalBytes: number;
  memAvailableBytes?: number;
  maxMapCount?: number;
  /** "container elasticsearch:8.19.21" or "docker info". */
  source: string;
}

export function parseMeminfo(text: string): { totalBytes?: number; availableBytes?: number; maxMapCount?: number } {
  const kb = (key: string) => {
    const match = new RegExp(`^${key}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : undefined;
  };
  // The probe cats /proc/sys/vm/max_map_count after /proc/meminfo: a lone number on the last line.
  const last = text.trim().split('\n').at(-1)?.trim() ?? '';
  const result: { totalBytes?: number; availableBytes?: number; maxMapCount?: number } = {};
  const total = kb('MemTotal');
  const available = kb('MemAvailable');
  if (total !== undefined) result.totalBytes = total;
  if (available !== undefined) result.availableBytes = available;
  if (/^\d+$/.test(last)) result.maxMapCount = Number(last);
  return result;
}

export async function probeDockerKernel(exec: Exec, candidates: string[], runningContainers: string[] = []): Promise<DockerKernel | { error: string }> {
  const files = ['/proc/meminfo', '/proc/sys/vm/max_map_count'];
  const measure = async (args: string[], timeoutMs: number, source: string): Promise<DockerKernel | undefined> => {
    const result = await exec('docker', args, { timeoutMs });
    const parsed = parseMeminfo(result.stdout);
    if (result.code !== 0 || !parsed.totalBytes) return undefined;
    return { memTotalBytes: parsed.totalBytes, ...optional('memAvailableBytes', parsed.availableBytes), ...optional('maxMapCount', parsed.maxMapCount), source };
  };
  const running = runningContainers[0];
  const fromRunning = running ? await measure(['exec', running, 'cat', ...files], 10_000, `running container ${running}`) : undefined;
  if (fromRunning) return fromRunning;
  const present = await localImages(exec);
  for (const image of candidates.filter((name) => present.has(normalizeImage(name)))) {
    const kernel = await measure(['run', '--rm', '--pull', 'never', '--network', 'none', '--entrypoint', 'cat', image, ...files], 30_000, `container ${image}`);
    if (kernel) return kernel;
  }
  const info = await exec('docker', ['info', '--format', '{{.MemTotal}}']);
  const bytes = Number(info.stdout.trim());
  if (info.code === 0 && bytes > 0) return { memTotalBytes: bytes, source: 'docker info (no stack image present locally to measure inside a container)' };
  return { error: (info.stderr || info.stdout).trim().split('\n')[0] ?? 'docker info failed' };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
