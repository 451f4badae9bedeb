import { describe, expect, it } from 'vitest';
import { describeRound, failedIn, reloadRound, type ReloadDeps } from '../../../scripts/lib/bench/reload-bench.ts';
import type { LoopTally } from '../../../scripts/lib/bench/traffic-loop.ts';

function fakeDeps(liveAt: number | null) {
  const steps: string[] = [];
  let now = 0;
  const deps: ReloadDeps = {
    now: () => now,
    setMarker: (value) => steps.push(`save ${value}`),
    runUp: async (mode) => {
      steps.push(`up ${mode}`);
      now += 20_000;
    },
    startLoops: () => {
      steps.push('loops start');
      return {
        stop: async () => {
          steps.push('loops stop');
          const tallies: LoopTally[] = [{ name: 'reads', sent: 900, failed: 2, failures: { 'HTTP 503': 2 } }, { name: 'writes', sent: 880, failed: 0, failures: {} }];
          return tallies;
        },
      };
    },
    watchLive: (marker) => {
      steps.push(`watch ${marker}`);
      return { firstSeen: () => liveAt, stop: async () => void steps.push('watch stop') };
    },
  };
  return { deps, steps };
}

describe('reloadRound', () => {
  it('runs the loops from before the save until up has finished, and times save → live', async () => {
    const { deps, steps } = fakeDeps(12_500);
    const round = await reloadRound('all at once', 'bench-1', deps);
    expect(steps).toEqual(['loops start', 'watch bench-1', 'save bench-1', 'up all at once', 'watch stop', 'loops stop']);
    expect(round).toMatchObject({ mode: 'all at once', liveAfterMs: 12_500, upMs: 20_000 });
    expect(describeRound(round)).toBe('all at once    reads: 2 of 900 failed (2× HTTP 503); writes: 0 of 880 failed; live after 12.5 s; up took 20.0 s');
  });

  it('says so when the change never answered, and sums failures per mode', async () => {
    const { deps } = fakeDeps(null);
    const rounds = [await reloadRound('one at a time', 'bench-2', deps), await reloadRound('all at once', 'bench-3', deps)];
    expect(describeRound(rounds[0]!)).toContain('never live');
    expect(failedIn(rounds, 'one at a time')).toEqual({ failed: 2, sent: 1780 });
  });
});
