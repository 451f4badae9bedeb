import { describe, expect, it } from 'vitest';
import { outboxTopicsOf, sagaConfigOf } from '../../../scripts/lib/config/saga-config.ts';
import { createOutboxSightings, outboxLag, serviceOutboxLag, type PartitionEnd } from '../../../scripts/lib/console/outbox-lag.ts';

const head = (...ages: number[]) => ages.map((ageMs, i) => ({ id: `row-${i}`, ageMs }));

describe('outboxLag', () => {
  it('counts the rows newer than the newest one seen on Kafka, and how long the oldest of them has waited', () => {
    const seen = new Set(['row-2', 'row-4']);
    expect(outboxLag(head(10, 250, 900, 1_000, 1_200), (id) => seen.has(id), 500)).toEqual({ pending: 2, capped: false, oldestPendingAgeMs: 250, newestRowAgeMs: 10 });
  });

  it('is zero when the newest row is on Kafka, and for an empty outbox', () => {
    expect(outboxLag(head(10, 20), () => true, 500)).toEqual({ pending: 0, capped: false, oldestPendingAgeMs: null, newestRowAgeMs: 10 });
    expect(outboxLag([], () => false, 500)).toEqual({ pending: 0, capped: false, oldestPendingAgeMs: null, newestRowAgeMs: null });
  });

  it('says "at least" when every row it read is pending', () => {
    expect(outboxLag(head(1, 2, 3), () => false, 3)).toEqual({ pending: 3, capped: true, oldestPendingAgeMs: 3, newestRowAgeMs: 1 });
    // Fewer rows than asked for: the whole outbox, so the count is exact.
    expect(outboxLag(head(1, 2), () => false, 3)).toMatchObject({ pending: 2, capped: false });
  });
});

describe('createOutboxSightings', () => {
  const ends = (topic: string, ...partitions: PartitionEnd[]) => new Map([[topic, partitions]]);

  it('is behind until each partition is read to where it ended at start', () => {
    const sightings = createOutboxSightings();
    sightings.start(ends('t', { partition: 0, start: 5, high: 8 }, { partition: 1, start: 3, high: 3 }));
    expect(sightings.behind(['t'])).toEqual(['t/0']);
    sightings.saw('t', 0, 6, 'a');
    expect(sightings.behind(['t'])).toEqual(['t/0']);
    sightings.saw('t', 0, 7, 'b');
    expect(sightings.behind(['t'])).toEqual([]);
    expect(sightings.behind(['other'])).toEqual(['other (not read yet)']);
    expect([sightings.seen('a'), sightings.seen('b'), sightings.seen('c')]).toEqual([true, true, false]);
  });

  it('forgets the oldest ids beyond its keep, and everything on a fresh start', () => {
    const sightings = createOutboxSightings(2);
    sightings.start(ends('t', { partition: 0, start: 0, high: 0 }));
    for (const [offset, id] of ['a', 'b', 'c'].entries()) sightings.saw('t', 0, offset, id);
    expect(['a', 'b', 'c'].map(sightings.seen)).toEqual([false, true, true]);
    sightings.start(ends('t', { partition: 0, start: 3, high: 3 }));
    expect(sightings.seen('c')).toBe(false);
  });
});

describe('serviceOutboxLag', () => {
  const saga = sagaConfigOf('mariadb', {});
  const outbox = { service: 'booking' as const, database: 'bookings', connector: 'outbox-bookings-mariadb', topics: outboxTopicsOf(saga, 'booking') };

  it("reads the booking service's two command topics", () => {
    expect(outbox.topics).toEqual(['saga.mariadb.inventory.commands', 'saga.mariadb.payment.commands']);
    expect(outboxTopicsOf(saga, 'payment')).toEqual(['saga.mariadb.payment.replies']);
  });

  it('measures only when the reader runs and has read its topics to their end', () => {
    const sightings = createOutboxSightings();
    sightings.start(new Map(outbox.topics.map((t) => [t, [{ partition: 0, start: 0, high: 1 }]])));
    expect(serviceOutboxLag(outbox, head(5), { ok: false, error: 'Kafka at 127.0.0.1:9092: ECONNREFUSED' }, sightings, 500)).toMatchObject({ lag: null, unmeasured: "the console's Kafka reader: Kafka at 127.0.0.1:9092: ECONNREFUSED" });
    expect(serviceOutboxLag(outbox, head(5), { ok: true }, sightings, 500).unmeasured).toBe('reading saga.mariadb.inventory.commands/0, saga.mariadb.payment.commands/0 up to its end');
    sightings.saw(outbox.topics[0]!, 0, 0, 'row-0');
    sightings.saw(outbox.topics[1]!, 0, 0, 'other');
    expect(serviceOutboxLag(outbox, head(5), { ok: true }, sightings, 500)).toMatchObject({ service: 'booking', connector: 'outbox-bookings-mariadb', unmeasured: null, lag: { pending: 0 } });
  });
});
