import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../scripts/smoke/report.ts';
import { createStepRunner, StepFailure } from '../../../scripts/smoke/step-runner.ts';

describe('createStepRunner', () => {
  it('times steps, records the failure, and skips what follows', async () => {
    let t = 0;
    const runner = createStepRunner(() => t);
    await runner.step('first', async () => {
      t += 120;
      return { value: 1, detail: 'fine' };
    });
    await runner.step('second', async () => {
      t += 30;
      throw new StepFailure('HTTP 200', 'HTTP 503', 'run npm run status');
    });
    const third = await runner.step('third', async () => ({ value: 3 }));
    expect(third).toBeUndefined();
    expect(runner.failed()).toBe(true);
    expect(runner.results.map((r) => [r.name, r.status, r.ms])).toEqual([
      ['first', 'ok', 120],
      ['second', 'failed', 30],
      ['third', 'skipped', 0],
    ]);
  });

  it('reports an unexpected error as a failure too', async () => {
    const runner = createStepRunner();
    await runner.step('boom', async () => {
      throw new Error('socket hang up', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) });
    });
    expect(runner.results[0]!.failure).toMatchObject({ seen: 'socket hang up: ECONNRESET' });
  });
});

describe('renderReport', () => {
  it('shows a table, the total against the budget, and each failure with expected, seen and hint', async () => {
    const runner = createStepRunner(() => 0);
    await runner.step('HAProxy GET /healthz', async () => ({ value: 1 }));
    await runner.step('found via /api/search', async () => {
      throw new StepFailure('hotel 7 in the results within 10000 ms', '0 hit(s), none with id 7', 'npm run logs search-indexer');
    });
    const text = renderReport(runner.results, 16_000, 15_000);
    expect(text).toMatch(/^step\s+result\s+time\s+detail/);
    expect(text).toContain('HAProxy GET /healthz   ok');
    expect(text).toContain('total 16.0 s (budget 15.0 s)');
    expect(text).toContain('warning: slower than');
    expect(text).toContain('✖ step "found via /api/search" failed');
    expect(text).toContain('  seen:     0 hit(s), none with id 7');
    expect(text).toContain('  hint:     npm run logs search-indexer');
  });
});
