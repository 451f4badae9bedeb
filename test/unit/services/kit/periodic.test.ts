import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../services/kit/logger.ts';
import { runPeriodically } from '../../../../services/kit/periodic.ts';

describe('runPeriodically', () => {
  it('repeats the pass every interval until stopped, surviving a failing pass and logging what changed', async () => {
    const lines: string[] = [];
    const results: Array<number | Error> = [2, new Error('database away'), 0];
    const sleeps: number[] = [];
    await runPeriodically({
      pass: async () => {
        const next = results.shift()!;
        if (next instanceof Error) throw next;
        return next;
      },
      what: 'expired holds released their rooms',
      intervalMs: 500,
      sleep: async (ms) => void sleeps.push(ms),
      running: () => results.length > 0,
      log: createLogger({}, { write: (line) => lines.push(line) }),
    });
    expect(sleeps).toEqual([500, 500, 500]);
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['expired holds released their rooms', 'expired holds released their rooms: pass failed, trying again next interval']);
  });
});
