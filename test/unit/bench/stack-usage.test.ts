import { describe, expect, it } from 'vitest';
import { memoryInUse, type ContainerStats } from '../../../scripts/lib/bench/docker-stats.ts';
import { measureStackUsage } from '../../../scripts/lib/bench/stack-usage.ts';

const MiB = 1024 ** 2;

describe('memoryInUse', () => {
  it('counts what docker stats counts: usage without the inactive page cache (cgroup v1 first, then v2)', () => {
    expect(memoryInUse({ memory_stats: { usage: 300 * MiB, stats: { inactive_file: 100 * MiB } } })).toBe(200 * MiB);
    expect(memoryInUse({ memory_stats: { usage: 300 * MiB, stats: { total_inactive_file: 50 * MiB, inactive_file: 100 * MiB } } })).toBe(250 * MiB);
    expect(memoryInUse({ memory_stats: { usage: 300 * MiB } })).toBe(300 * MiB);
    expect(memoryInUse({})).toBeUndefined();
  });
});

describe('measureStackUsage', () => {
  it('reports the CPU each container burnt during the work, most first, and its memory after', async () => {
    let now = 0;
    const cpu: Record<string, number> = { kafka: 1e9, booking: 2e9 };
    const stats = async (name: string): Promise<ContainerStats> => ({ cpu_stats: { cpu_usage: { total_usage: cpu[name] } }, memory_stats: { usage: name === 'kafka' ? 500 * MiB : 100 * MiB } });
    const usage = await measureStackUsage({ containers: ['kafka', 'booking'], stats, now: () => now }, async () => {
      now += 10_000;
      cpu.kafka! += 2e9;
      cpu.booking! += 6e9;
      return 'done';
    });
    expect(usage.result).toBe('done');
    expect(usage.windowMs).toBe(10_000);
    expect(usage.rows).toEqual([
      { container: 'booking', cpuSeconds: 6, memoryBytes: 100 * MiB },
      { container: 'kafka', cpuSeconds: 2, memoryBytes: 500 * MiB },
    ]);
    expect(usage.totalCpuSeconds).toBe(8);
    expect(usage.totalMemoryBytes).toBe(600 * MiB);
  });
});
