import type { Clock } from '../../../scripts/lib/wait/clock.ts';

/** A clock whose sleep advances time instantly, recording each pause. */
export function fakeClock(start = 1_000_000): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
