import { describe, expect, it } from 'vitest';
import { ProgressTracker } from '../../../scripts/lib/up/progress.ts';
import { whenReady } from '../../../scripts/lib/up/when-ready.ts';
import type { ServiceReport } from '../../../scripts/lib/compose/service-readiness.ts';

const report = (service: string, readiness: ServiceReport['readiness']): ServiceReport => ({ service, readiness, detail: readiness, containers: [] });
const quiet = { line: () => {}, status: () => {}, green: (t: string) => t, red: (t: string) => t, dim: (t: string) => t };

describe('whenReady', () => {
  it('starts the task the first time its service is ready, once, while others still start', async () => {
    let runs = 0;
    const trigger = whenReady('connect', async () => ++runs);
    const tracker = new ProgressTracker(0, quiet, trigger.onReady);
    tracker.update([report('connect', 'starting'), report('search-indexer', 'starting')], 1000);
    expect(runs).toBe(0);
    tracker.update([report('connect', 'ready'), report('search-indexer', 'starting')], 2000);
    expect(runs).toBe(1);
    tracker.update([report('connect', 'ready'), report('search-indexer', 'ready')], 3000);
    expect(await trigger.result()).toBe(1);
    expect(runs).toBe(1);
  });

  it('starts the task when its result is asked for and the service was never seen starting (a no-op up)', async () => {
    let runs = 0;
    const trigger = whenReady('connect', async () => ++runs);
    expect(await trigger.result()).toBe(1);
  });

  it('holds an early failure until the result is awaited', async () => {
    const trigger = whenReady('connect', async () => {
      throw new Error('Connect rejected the connector');
    });
    trigger.onReady('connect');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(trigger.result()).rejects.toThrow('Connect rejected the connector');
  });
});
