import { describe, expect, it } from 'vitest';
import { measureIdleCpu } from '../../../scripts/lib/bench/idle-cpu.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

describe('measureIdleCpu', () => {
  it('turns counter deltas over the window into CPU seconds per minute, busiest first, with a total', async () => {
    const clock = fakeClock();
    // Counters in nanoseconds; the window lasts 30 s of fake time.
    const counters: Record<string, number[]> = { kafka: [10e9, 13e9], haproxy: [1e9, 1.25e9] };
    const reads: Record<string, number> = { kafka: 0, haproxy: 0 };
    const report = await measureIdleCpu(
      {
        containers: async () => ['haproxy', 'kafka'],
        cpuNanos: async (name) => counters[name]![reads[name]!++]!,
        sleep: clock.sleep,
        now: clock.now,
      },
      30_000,
    );
    expect(report.rows).toEqual([
      { container: 'kafka', cpuSecondsPerMinute: 6 },
      { container: 'haproxy', cpuSecondsPerMinute: 0.5 },
    ]);
    expect(report.totalCpuSecondsPerMinute).toBe(6.5);
  });

  it('refuses to measure nothing', async () => {
    const clock = fakeClock();
    await expect(measureIdleCpu({ containers: async () => [], cpuNanos: async () => 0, sleep: clock.sleep, now: clock.now }, 1000)).rejects.toThrow(/no running containers/);
  });
});
