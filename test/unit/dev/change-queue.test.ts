import { describe, expect, it } from 'vitest';
import { ChangeQueue } from '../../../scripts/lib/dev/change-queue.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

describe('ChangeQueue', () => {
  it('hands out the events of one save as one batch, once quiet, timed from the first event', async () => {
    const clock = fakeClock(0);
    const queue = new ChangeQueue(clock, 40);
    queue.add('services/catalog-api/handlers.ts');
    await clock.sleep(10);
    queue.add('services/catalog-api/handlers.ts');
    queue.add('services/kit/cors.ts');
    expect(await queue.next()).toEqual({ savedAt: 0, paths: ['services/catalog-api/handlers.ts', 'services/kit/cors.ts'] });
    // Quiet measured from the last event (at 10 ms).
    expect(clock.now()).toBe(50);
  });

  it('waits for the first event, and keeps events that come later for the next batch', async () => {
    const clock = fakeClock(0);
    const queue = new ChangeQueue(clock, 40);
    const next = queue.next();
    queue.add('services/booking/app.ts');
    expect((await next).paths).toEqual(['services/booking/app.ts']);
    queue.add('services/booking/config.ts');
    expect((await queue.next()).paths).toEqual(['services/booking/config.ts']);
  });

  it('stops waiting when the signal aborts', async () => {
    const queue = new ChangeQueue(fakeClock(0));
    const controller = new AbortController();
    const next = queue.next(controller.signal);
    controller.abort();
    await expect(next).rejects.toThrow(/interrupted/);
  });
});
