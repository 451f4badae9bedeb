import { describe, expect, it } from 'vitest';
import { describeSaveToLive, timeDevReloads } from '../../../scripts/lib/bench/dev-reload-bench.ts';

describe('timeDevReloads', () => {
  it('times each edit from the save to the first answer with its marker, one edit after the reload before it', async () => {
    let now = 0;
    const steps: string[] = [];
    const samples = await timeDevReloads(3, 'bench', {
      now: () => now,
      setMarker: (value) => void steps.push(`save ${value}`),
      // Asked just before the save: the answer comes 1.2 s (1.9 s) after it, the reload ends 2.5 s after it.
      firstAnswerWith: async (marker) => now + (marker.endsWith('-2') ? 1900 : 1200),
      reloaded: async (count) => {
        now += 2500;
        steps.push(`reloaded ${count}`);
      },
    });
    expect(steps).toEqual(['save bench-1', 'reloaded 1', 'save bench-2', 'reloaded 2', 'save bench-3', 'reloaded 3']);
    expect(samples).toEqual([1200, 1900, 1200]);
    expect(describeSaveToLive(samples)).toBe('save → live over 3 edits: p50 1.20 s, p95 1.90 s (min 1.20 s, max 1.90 s)');
  });
});
