import { describe, expect, it } from 'vitest';
import { sagaHops, type OutboxRecord } from '../../../scripts/lib/bench/saga-hops.ts';

/** Two bookings' happy paths, shortened to three messages: HoldRooms → RoomsHeld → AuthorizePayment. */
function saga(bookingId: string, start: number, transitMs: number, handlerMs: number) {
  const outbox: OutboxRecord[] = [];
  const handled: Array<[string, number]> = [];
  let at = start;
  for (const type of ['HoldRooms', 'RoomsHeld', 'AuthorizePayment']) {
    const id = `${bookingId}-${type}`;
    outbox.push({ id, type, bookingId, createdAtMs: at });
    if (type !== 'AuthorizePayment') handled.push([id, at + transitMs]);
    at += transitMs + handlerMs;
  }
  return { outbox, handled };
}

describe('sagaHops', () => {
  it('times each message from its outbox row to its inbox row, and the handler between two messages, in saga order', () => {
    const a = saga('a', 1_000, 100, 5);
    const b = saga('b', 1_050, 300, 15);
    // Listed out of order: the order comes from the timestamps.
    const hops = sagaHops([...b.outbox, ...a.outbox].reverse(), new Map([...a.handled, ...b.handled]));
    expect(hops.map((h) => h.type)).toEqual(['HoldRooms', 'RoomsHeld', 'AuthorizePayment']);
    expect(hops[0]).toMatchObject({ handled: 2, unhandled: 0, transit: { min: 100, max: 300 } });
    expect(hops[0]!.handler).toBeUndefined();
    expect(hops[1]).toMatchObject({ handled: 2, handler: { min: 5, max: 15 } });
    // Written, not yet handled: counted, and no transit.
    expect(hops[2]).toMatchObject({ handled: 0, unhandled: 2, handler: { min: 5, max: 15 } });
    expect(hops[2]!.transit).toBeUndefined();
  });
});
