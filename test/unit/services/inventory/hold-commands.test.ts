import { describe, expect, it } from 'vitest';
import { decodeHoldRooms, holdCommands, type InventoryTransaction } from '../../../../services/inventory/hold-commands.ts';
import { sweepExpiredHolds } from '../../../../services/inventory/hold-expiry-sweeper.ts';
import type { Hold, HoldState, HoldStore, NightRange } from '../../../../services/inventory/hold-store.ts';
import { PoisonMessageError } from '../../../../services/kit/saga/poison-message.ts';
import { MAX_ROOMS_PER_HOLD } from '../../../../services/lib/saga/messages.ts';
import { envelope, fakeSagaDb, type SagaTables } from '../../helpers/fake-saga-db.ts';

interface InventoryTables extends SagaTables {
  roomTypes: Set<number>;
  /** `${roomTypeId}/${night}` → available */
  nights: Map<string, number>;
  holds: Map<string, Hold>;
}

function nightsIn({ roomTypeId, checkIn, checkOut }: NightRange): string[] {
  const keys: string[] = [];
  for (let day = Date.parse(`${checkIn}T00:00:00Z`); day < Date.parse(`${checkOut}T00:00:00Z`); day += 86_400_000) {
    keys.push(`${roomTypeId}/${new Date(day).toISOString().slice(0, 10)}`);
  }
  return keys;
}

/** The hold tables in memory, with the CHECK (available >= 0) of the real one. */
function fakeHoldStore(t: InventoryTables): HoldStore {
  return {
    findHold: async (id) => (t.holds.has(id) ? { ...t.holds.get(id)! } : undefined),
    roomTypeExists: async (id) => t.roomTypes.has(id),
    countNights: async (range) => nightsIn(range).filter((key) => t.nights.has(key)).length,
    takeRooms: async (range, rooms) => {
      const keys = nightsIn(range).filter((key) => t.nights.has(key));
      if (keys.some((key) => t.nights.get(key)! - rooms < 0)) return 'sold_out';
      for (const key of keys) t.nights.set(key, t.nights.get(key)! - rooms);
      return 'taken';
    },
    giveBackRooms: async (range, rooms) => {
      for (const key of nightsIn(range).filter((k) => t.nights.has(k))) t.nights.set(key, t.nights.get(key)! + rooms);
    },
    insertHold: async (hold) => {
      if (t.holds.has(hold.bookingId)) throw new Error('duplicate hold');
      t.holds.set(hold.bookingId, { ...hold });
    },
    setHoldState: async (id, state: HoldState) => {
      t.holds.set(id, { ...t.holds.get(id)!, state });
    },
    expiredHolds: async (now) => [...t.holds.values()].filter((h) => h.state === 'held' && h.expiresAt < now).map((h) => h.bookingId),
  };
}

const HOUR = 3_600_000;
function harness(available = 5) {
  let clock = new Date('2027-03-01T12:00:00Z');
  const db = fakeSagaDb<InventoryTables, InventoryTransaction>(
    {
      inbox: new Set(),
      outbox: [],
      roomTypes: new Set([7]),
      nights: new Map(['2027-04-01', '2027-04-02', '2027-04-03'].map((night) => [`7/${night}`, available])),
      holds: new Map(),
    },
    (t) => ({ holds: fakeHoldStore(t) }),
  );
  const commands = holdCommands({ transact: db.transact, now: () => clock, holdTtlMs: HOUR });
  return {
    db,
    commands,
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
    now: () => clock,
    available: () => [...db.tables().nights.values()],
    replies: () => db.tables().outbox.map((row) => ({ type: row.type, ...row.payload })),
  };
}

const hold = (bookingId: string, rooms = 1, checkIn = '2027-04-01', checkOut = '2027-04-03') => ({ bookingId, roomTypeId: 7, checkIn, checkOut, rooms });

describe('HoldRooms', () => {
  it('takes the rooms for every night, records the hold and answers RoomsHeld with its expiry', async () => {
    const h = harness();
    const command = hold('b1', 2);
    expect(await h.commands.holdRooms(envelope('HoldRooms', command), command)).toBe('handled');
    expect(h.available()).toEqual([3, 3, 5]);
    expect(h.db.tables().holds.get('b1')).toMatchObject({ state: 'held', rooms: 2, expiresAt: new Date('2027-03-01T13:00:00Z') });
    expect(h.replies()).toEqual([{ type: 'RoomsHeld', bookingId: 'b1', expiresAt: '2027-03-01T13:00:00.000Z' }]);
    expect(h.db.tables().outbox[0]).toMatchObject({ aggregateType: 'inventory.replies', aggregateId: 'b1' });
  });

  it('a redelivered message changes nothing and writes no second reply', async () => {
    const h = harness();
    const message = envelope('HoldRooms', hold('b1'));
    await h.commands.holdRooms(message, hold('b1'));
    expect(await h.commands.holdRooms(message, hold('b1'))).toBe('duplicate');
    expect(h.available()).toEqual([4, 4, 5]);
    expect(h.replies()).toHaveLength(1);
  });

  it('refuses sold_out when the constraint would go below zero, and takes nothing', async () => {
    const h = harness(1);
    await h.commands.holdRooms(envelope('HoldRooms', hold('b1')), hold('b1'));
    await h.commands.holdRooms(envelope('HoldRooms', hold('b2', 1, '2027-04-02', '2027-04-04')), hold('b2', 1, '2027-04-02', '2027-04-04'));
    expect(h.available()).toEqual([0, 0, 1]);
    expect(h.replies()[1]).toEqual({ type: 'HoldRefused', bookingId: 'b2', reason: 'sold_out' });
    expect(h.db.tables().holds.has('b2')).toBe(false);
  });

  it('refuses sold_out for nights without inventory and unknown_room_type for a room type nobody has', async () => {
    const h = harness();
    await h.commands.holdRooms(envelope('HoldRooms', hold('b1', 1, '2027-04-03', '2027-04-05')), hold('b1', 1, '2027-04-03', '2027-04-05'));
    const unknown = { ...hold('b2'), roomTypeId: 99 };
    await h.commands.holdRooms(envelope('HoldRooms', unknown), unknown);
    expect(h.replies()).toEqual([
      { type: 'HoldRefused', bookingId: 'b1', reason: 'sold_out' },
      { type: 'HoldRefused', bookingId: 'b2', reason: 'unknown_room_type' },
    ]);
    expect(h.available()).toEqual([5, 5, 5]);
  });

  it('a new HoldRooms message for a booking already held answers the fact and takes nothing more', async () => {
    const h = harness();
    await h.commands.holdRooms(envelope('HoldRooms', hold('b1')), hold('b1'));
    await h.commands.holdRooms(envelope('HoldRooms', hold('b1')), hold('b1'));
    expect(h.available()).toEqual([4, 4, 5]);
    expect(h.replies().map((r) => r.type)).toEqual(['RoomsHeld', 'RoomsHeld']);
  });

  it('concurrent holds never oversell: 20 holds for 5 rooms → exactly 5 held', async () => {
    const h = harness(5);
    await Promise.all(Array.from({ length: 20 }, (_, i) => h.commands.holdRooms(envelope('HoldRooms', hold(`b${i}`)), hold(`b${i}`))));
    expect(h.replies().filter((r) => r.type === 'RoomsHeld')).toHaveLength(5);
    expect(h.replies().filter((r) => r.type === 'HoldRefused')).toHaveLength(15);
    expect(h.available()).toEqual([0, 0, 5]);
  });

  it('a failing write rolls back the whole transaction: no inbox row, no rooms taken', async () => {
    const h = harness();
    const broken = holdCommands({
      transact: (work) => h.db.transact((tx) => work({ ...tx, holds: { ...tx.holds, insertHold: async () => Promise.reject(new Error('disk full')) } })),
      now: h.now,
      holdTtlMs: HOUR,
    });
    const message = envelope('HoldRooms', hold('b1'));
    await expect(broken.holdRooms(message, hold('b1'))).rejects.toThrow('disk full');
    expect(h.available()).toEqual([5, 5, 5]);
    expect(h.db.tables().inbox.size).toBe(0);
    // The redelivery then succeeds.
    expect(await h.commands.holdRooms(message, hold('b1'))).toBe('handled');
  });
});

describe('ConfirmHold', () => {
  it('confirms a live hold; answers HoldConfirmed again for a confirmed one', async () => {
    const h = harness();
    await h.commands.holdRooms(envelope('HoldRooms', hold('b1')), hold('b1'));
    await h.commands.confirmHold(envelope('ConfirmHold', { bookingId: 'b1' }), { bookingId: 'b1' });
    await h.commands.confirmHold(envelope('ConfirmHold', { bookingId: 'b1' }), { bookingId: 'b1' });
    expect(h.db.tables().holds.get('b1')?.state).toBe('confirmed');
    expect(h.replies().map((r) => r.type)).toEqual(['RoomsHeld', 'HoldConfirmed', 'HoldConfirmed']);
    expect(h.available()).toEqual([4, 4, 5]);
  });

  it('refuses hold_expired past the expiry, and gives the rooms back right then', async () => {
    const h = harness();
    await h.commands.holdRooms(envelope('HoldRooms', hold('b1')), hold('b1'));
    h.advance(HOUR + 1);
    await h.commands.confirmHold(envelope('ConfirmHold', { bookingId: 'b1' }), { bookingId: 'b1' });
    expect(h.replies()[1]).toEqual({ type: 'HoldConfirmRefused', bookingId: 'b1', reason: 'hold_expired' });
    expect(h.db.tables().holds.get('b1')?.state).toBe('expired');
    expect(h.available()).toEqual([5, 5, 5]);
  });

  it('refuses hold_expired for an unknown or released hold', async () => {
    const h = harness();
    await h.commands.confirmHold(envelope('ConfirmHold', { bookingId: 'nobody' }), { bookingId: 'nobody' });
    expect(h.replies()).toEqual([{ type: 'HoldConfirmRefused', bookingId: 'nobody', reason: 'hold_expired' }]);
  });
});

describe('ReleaseHold', () => {
  it('gives the rooms back once, however often it is asked', async () => {
    const h = harness();
    await h.commands.holdRooms(envelope('HoldRooms', hold('b1', 2)), hold('b1', 2));
    for (let i = 0; i < 3; i++) await h.commands.releaseHold(envelope('ReleaseHold', { bookingId: 'b1' }), { bookingId: 'b1' });
    expect(h.available()).toEqual([5, 5, 5]);
    expect(h.db.tables().holds.get('b1')?.state).toBe('released');
    expect(h.replies().map((r) => r.type)).toEqual(['RoomsHeld', 'HoldReleased', 'HoldReleased', 'HoldReleased']);
  });

  it('releases a confirmed hold (a guest cancels) and answers HoldReleased for an unknown one', async () => {
    const h = harness();
    await h.commands.holdRooms(envelope('HoldRooms', hold('b1')), hold('b1'));
    await h.commands.confirmHold(envelope('ConfirmHold', { bookingId: 'b1' }), { bookingId: 'b1' });
    await h.commands.releaseHold(envelope('ReleaseHold', { bookingId: 'b1' }), { bookingId: 'b1' });
    await h.commands.releaseHold(envelope('ReleaseHold', { bookingId: 'b9' }), { bookingId: 'b9' });
    expect(h.available()).toEqual([5, 5, 5]);
    expect(h.replies().slice(2)).toEqual([
      { type: 'HoldReleased', bookingId: 'b1' },
      { type: 'HoldReleased', bookingId: 'b9' },
    ]);
  });
});

describe('the hold-expiry sweeper', () => {
  it('expires unconfirmed holds past expires_at and gives their rooms back; confirmed and live ones stay', async () => {
    const h = harness();
    for (const id of ['old', 'confirmed']) await h.commands.holdRooms(envelope('HoldRooms', hold(id)), hold(id));
    await h.commands.confirmHold(envelope('ConfirmHold', { bookingId: 'confirmed' }), { bookingId: 'confirmed' });
    h.advance(HOUR / 2);
    await h.commands.holdRooms(envelope('HoldRooms', hold('young')), hold('young'));
    h.advance(HOUR / 2 + 1);
    const sweep = () => sweepExpiredHolds({ expiredHolds: (now, limit) => h.db.transact((tx) => tx.holds.expiredHolds(now, limit)), expireHold: h.commands.expireHold, now: h.now });
    expect(await sweep()).toBe(1);
    expect(await sweep()).toBe(0);
    expect(h.db.tables().holds.get('old')?.state).toBe('expired');
    expect(h.db.tables().holds.get('young')?.state).toBe('held');
    expect(h.available()).toEqual([3, 3, 5]);
    // A release after the sweep gives nothing back a second time.
    await h.commands.releaseHold(envelope('ReleaseHold', { bookingId: 'old' }), { bookingId: 'old' });
    expect(h.available()).toEqual([3, 3, 5]);
  });
});

describe('decodeHoldRooms', () => {
  it('accepts the contract and refuses a broken payload as poison, naming every field', () => {
    expect(decodeHoldRooms(hold('b1'))).toEqual(hold('b1'));
    expect(() => decodeHoldRooms({ bookingId: 'b1', roomTypeId: -1, checkIn: '1st of April', checkOut: '2027-04-03', rooms: 0 })).toThrow(PoisonMessageError);
    expect(() => decodeHoldRooms({ bookingId: 'b1', roomTypeId: 'x', checkIn: 'x', checkOut: '2027-04-03', rooms: 0 })).toThrow(/roomTypeId.*checkIn.*rooms/);
    // Date.parse takes 2027-02-30 as 2 March; the database would refuse it on every retry.
    expect(() => decodeHoldRooms({ ...hold('b1'), checkIn: '2027-02-30', checkOut: '2027-03-02' })).toThrow(/checkIn must be a date/);
    expect(() => decodeHoldRooms(hold('b1', 1, '2027-04-03', '2027-04-03'))).toThrow(/1 to 30 nights/);
  });

  it('refuses more rooms than MAX_ROOMS_PER_HOLD and more nights than MAX_NIGHTS', () => {
    expect(decodeHoldRooms({ ...hold('b1'), rooms: MAX_ROOMS_PER_HOLD }).rooms).toBe(MAX_ROOMS_PER_HOLD);
    expect(() => decodeHoldRooms({ ...hold('b1'), rooms: MAX_ROOMS_PER_HOLD + 1 })).toThrow(/rooms must be a whole number from 1 to 9/);
    expect(() => decodeHoldRooms({ ...hold('b1'), rooms: 65_535 })).toThrow(PoisonMessageError);
    expect(decodeHoldRooms({ ...hold('b1'), checkIn: '2027-04-01', checkOut: '2027-05-01' }).checkOut).toBe('2027-05-01');
    expect(() => decodeHoldRooms({ ...hold('b1'), checkIn: '2027-04-01', checkOut: '2027-05-02' })).toThrow(/1 to 30 nights/);
  });
});
