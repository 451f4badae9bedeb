/** verify's patience (catch-up.ts): a difference the pipeline is still carrying is compared again; a standing one is drift. */
import { describe, expect, it } from 'vitest';
import { compareUntilCaughtUp, type CatchUpDeps } from '../../../scripts/lib/verify/catch-up.ts';
import { indexerSubscriptions } from '../../../scripts/lib/verify/indexer-backlog.ts';
import { availabilityConfigOf } from '../../../scripts/lib/config/availability-config.ts';

/** A report is the number of rows missing from search; 0 is clean. */
function scripted(missing: number[], behind: Array<number | undefined>, waitMs = 60_000) {
  let clock = 0;
  const waits: Array<{ behind: number | undefined; waitedMs: number }> = [];
  const reports = [...missing];
  const lags = [...behind];
  const deps: CatchUpDeps<number> = {
    compare: async () => {
      clock += 500; // a comparison takes half a second
      const next = reports.shift();
      if (next === undefined) throw new Error('compared more often than the script says');
      return next;
    },
    clean: (report) => report === 0,
    fingerprint: (report) => String(report),
    behind: async () => (lags.length > 1 ? lags.shift() : lags[0]),
    waitMs,
    recheckMs: 2_000,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    onWait: (progress) => waits.push(progress),
  };
  return { deps, waits, left: () => reports.length };
}

describe('compareUntilCaughtUp', () => {
  it('compares once when search matches', async () => {
    const { deps, waits } = scripted([0], [0]);
    expect(await compareUntilCaughtUp(deps)).toEqual({ state: 'clean', report: 0, comparisons: 1 });
    expect(waits).toEqual([]);
  });

  it('waits while the indexer is behind (a cold up whose first snapshot is still flowing), then finds it clean', async () => {
    const { deps, waits } = scripted([2871, 900, 0], [2871, 900]);
    expect(await compareUntilCaughtUp(deps)).toEqual({ state: 'clean', report: 0, comparisons: 3 });
    expect(waits.map((w) => w.behind)).toEqual([2871, 900]);
  });

  it('waits while the difference moves though nothing is behind yet (the snapshot is still being read into Kafka)', async () => {
    const { deps } = scripted([5490, 3000, 0], [0]);
    expect((await compareUntilCaughtUp(deps)).state).toBe('clean');
  });

  it('calls a difference that stands twice with nothing behind drift, after one more look', async () => {
    const { deps, waits } = scripted([1, 1], [0]);
    expect(await compareUntilCaughtUp(deps)).toEqual({ state: 'drift', report: 1, comparisons: 2, behind: 0 });
    expect(waits).toHaveLength(1);
  });

  it('with Kafka unreachable, the standing difference decides alone', async () => {
    const { deps } = scripted([3, 3], [undefined]);
    expect(await compareUntilCaughtUp(deps)).toMatchObject({ state: 'drift', comparisons: 2, behind: undefined });
  });

  it('says "catching up", not drift, when the wait runs out while the indexer is still behind', async () => {
    const { deps, left } = scripted([50, 40, 30, 20, 10], [12], 7_000);
    const outcome = await compareUntilCaughtUp(deps);
    expect(outcome).toMatchObject({ state: 'catching-up', behind: 12, report: 30, comparisons: 3 });
    expect(left()).toBe(2);
    // Never past the bound: the last comparison started before it.
    if (outcome.state === 'catching-up') expect(outcome.waitedMs).toBeLessThanOrEqual(7_000);
  });

  it('--wait 0 compares once: drift when nothing is behind, "catching up" when the indexer is', async () => {
    expect(await compareUntilCaughtUp(scripted([4], [0], 0).deps)).toMatchObject({ state: 'drift', comparisons: 1 });
    expect(await compareUntilCaughtUp(scripted([4], [9], 0).deps)).toMatchObject({ state: 'catching-up', comparisons: 1, behind: 9 });
  });
});

describe('indexerSubscriptions', () => {
  it("is the hotels' group on the CDC topic and date search's group on each inventory topic, from the one config", () => {
    const availability = availabilityConfigOf('mariadb', 'inventory');
    const names = { consumerGroup: 'search-indexer-mariadb', cdcTopic: 'cdc.mariadb.booking.hotels' };
    expect(indexerSubscriptions({ names: names as never, availability })).toEqual([
      { group: 'search-indexer-mariadb', topic: 'cdc.mariadb.booking.hotels' },
      { group: 'availability-indexer-mariadb', topic: 'availability.mariadb.inventory.room_types' },
      { group: 'availability-indexer-mariadb', topic: 'availability.mariadb.inventory.room_nights' },
    ]);
  });
});
