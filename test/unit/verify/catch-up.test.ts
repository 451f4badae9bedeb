/** verify's patience (catch-up.ts): a difference the pipeline is still carrying is compared again; a standing one is drift. */
import { describe, expect, it } from 'vitest';
import { compareUntilCaughtUp, type CatchUpDeps } from '../../../scripts/lib/verify/catch-up.ts';
import { indexerSubscriptions, sumPositions } from '../../../scripts/lib/verify/indexer-backlog.ts';
import { availabilityConfigOf } from '../../../scripts/lib/config/availability-config.ts';

/**
 * A report is the number of rows missing from search; 0 is clean. A position is
 * [behind, taken, written]; the last one given repeats.
 */
function scripted(missing: number[], positions: Array<[number, number, number] | undefined>, waitMs = 60_000) {
  let clock = 0;
  const waits: Array<{ behind: number | undefined; waitedMs: number }> = [];
  const reports = [...missing];
  const looks = [...positions];
  const deps: CatchUpDeps<number> = {
    compare: async () => {
      clock += 500; // a comparison takes half a second
      const next = reports.shift();
      if (next === undefined) throw new Error('compared more often than the script says');
      return next;
    },
    clean: (report) => report === 0,
    fingerprint: (report) => String(report),
    position: async () => {
      const look = looks.length > 1 ? looks.shift() : looks[0];
      return look && { behind: look[0], taken: look[1], written: look[2] };
    },
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
    const { deps, waits } = scripted([0], [[0, 10, 10]]);
    expect(await compareUntilCaughtUp(deps)).toEqual({ state: 'clean', report: 0, comparisons: 1 });
    expect(waits).toEqual([]);
  });

  it('waits while the indexer takes its backlog (a cold up whose first snapshot is still flowing), then finds it clean', async () => {
    const { deps, waits } = scripted([2871, 900, 0], [[2871, 2619, 5490], [900, 4590, 5490]]);
    expect(await compareUntilCaughtUp(deps)).toEqual({ state: 'clean', report: 0, comparisons: 3 });
    expect(waits.map((w) => w.behind)).toEqual([2871, 900]);
  });

  it('waits while Debezium still writes the snapshot into the topics, though nothing is behind at either look', async () => {
    const { deps } = scripted([5490, 5490, 0], [[0, 0, 0], [0, 2000, 2000], [0, 5490, 5490]]);
    expect((await compareUntilCaughtUp(deps)).state).toBe('clean');
  });

  it('calls a difference drift when a second look finds nothing moving and nothing left to take', async () => {
    const { deps, waits } = scripted([1, 1], [[0, 40, 40]]);
    expect(await compareUntilCaughtUp(deps)).toEqual({ state: 'drift', report: 1, comparisons: 2, behind: 0 });
    expect(waits).toHaveLength(1);
  });

  it('calls an indexer with changes waiting that takes none in two looks in a row stalled, not "catching up" after the whole wait', async () => {
    const { deps } = scripted([3, 3, 3], [[3, 40, 43]]);
    expect(await compareUntilCaughtUp(deps)).toEqual({ state: 'stalled', report: 3, comparisons: 3, behind: 3 });
    // One still look between two that move is a slow bulk write, not a stall.
    const slow = scripted([9, 9, 9, 0], [[9, 40, 49], [9, 40, 49], [4, 45, 49]]);
    expect((await compareUntilCaughtUp(slow.deps)).state).toBe('clean');
  });

  it('a difference that changes between looks is moving, whatever the offsets say', async () => {
    const { deps } = scripted([3, 2, 2], [[0, 40, 40]]);
    expect(await compareUntilCaughtUp(deps)).toMatchObject({ state: 'drift', comparisons: 3 });
  });

  it('with Kafka unreachable, the standing difference decides alone', async () => {
    const { deps } = scripted([3, 3], [undefined]);
    expect(await compareUntilCaughtUp(deps)).toMatchObject({ state: 'drift', comparisons: 2, behind: undefined });
  });

  it('says "catching up", not drift, when the wait runs out while the indexer still takes changes', async () => {
    const { deps, left } = scripted([50, 40, 30, 20, 10], [[50, 0, 50], [40, 10, 50], [30, 20, 50], [20, 30, 50]], 7_000);
    const outcome = await compareUntilCaughtUp(deps);
    expect(outcome).toMatchObject({ state: 'catching-up', behind: 30, report: 30, comparisons: 3 });
    expect(left()).toBe(2);
    // Never past the bound: the last comparison started before it.
    if (outcome.state === 'catching-up') expect(outcome.waitedMs).toBeLessThanOrEqual(7_000);
  });

  it('--wait 0 compares once: drift when nothing is behind, "catching up" when the indexer has work waiting', async () => {
    expect(await compareUntilCaughtUp(scripted([4], [[0, 5, 5]], 0).deps)).toMatchObject({ state: 'drift', comparisons: 1 });
    expect(await compareUntilCaughtUp(scripted([4], [[9, 5, 14]], 0).deps)).toMatchObject({ state: 'catching-up', comparisons: 1, behind: 9 });
  });
});

describe('sumPositions', () => {
  const lag = (total: number, partitions: Array<{ high: number; committed: number | null }>) => ({ status: 'fulfilled' as const, value: { total, partitions } });
  it('sums the subscriptions it could read, a never-committed partition as 0 taken; undefined when none could be read', () => {
    const failed = { status: 'rejected' as const, reason: new Error('This server does not host this topic-partition') };
    expect(sumPositions([lag(2, [{ high: 10, committed: 8 }, { high: 4, committed: null }]), failed, lag(0, [{ high: 7, committed: 7 }])])).toEqual({ behind: 2, taken: 15, written: 21 });
    expect(sumPositions([failed])).toBeUndefined();
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
