/**
 * The inventory's command handlers: HoldRooms, ConfirmHold, ReleaseHold. Each runs
 * once per message id (the kit's inbox), and its effect and its reply commit in one
 * transaction. Every command answers with the hold's current fact when there is
 * nothing (more) to do: a ReleaseHold for a released hold answers HoldReleased again.
 * Rooms are taken and given back only on a state change of the hold, under its row
 * lock, so they are given back at most once per hold.
 */
import { handleOnce, type SagaTransaction } from '../kit/saga/inbox.ts';
import type { OutboxMessage } from '../kit/saga/outbox.ts';
import type { SagaEnvelope } from '../kit/saga/saga-envelope.ts';
import type { Transact } from '../kit/saga/transaction.ts';
import { inventoryReply, MAX_ROOMS_PER_HOLD, type BookingOnly, type HoldRooms } from '../lib/saga/messages.ts';
import { payloadReader } from '../lib/saga/payload-fields.ts';
import { calendarDay, MAX_NIGHTS } from '../lib/calendar.ts';
import type { Hold, HoldStore } from './hold-store.ts';

export interface InventoryTransaction extends SagaTransaction {
  holds: HoldStore;
}

export interface HoldCommandDeps {
  transact: Transact<InventoryTransaction>;
  now: () => Date;
  /** How long a hold waits for ConfirmHold before it expires. */
  holdTtlMs: number;
}

/** Nights of [checkIn, checkOut); NaN when either is not a calendar date. */
export function nightsOf(checkIn: string, checkOut: string): number {
  return (calendarDay(checkOut) ?? Number.NaN) - (calendarDay(checkIn) ?? Number.NaN);
}

export function decodeHoldRooms(payload: Record<string, unknown>): HoldRooms {
  const read = payloadReader('HoldRooms', payload);
  const command = {
    bookingId: read.id('bookingId'),
    roomTypeId: read.positiveInteger('roomTypeId'),
    checkIn: read.date('checkIn'),
    checkOut: read.date('checkOut'),
    // Bounded, as the nights are below: a hold of thousands of rooms or nights is no booking.
    rooms: read.countUpTo('rooms', MAX_ROOMS_PER_HOLD),
  };
  const nights = nightsOf(command.checkIn, command.checkOut);
  read.done(typeof command.checkIn === 'string' && typeof command.checkOut === 'string' && !(nights >= 1 && nights <= MAX_NIGHTS) && `checkOut must be 1 to ${MAX_NIGHTS} nights after checkIn`);
  return command;
}

/** The fact a hold stands for, as the reply to a command that finds nothing to do. */
function currentFact(hold: Hold): OutboxMessage {
  const { bookingId } = hold;
  switch (hold.state) {
    case 'held':
      return inventoryReply('RoomsHeld', { bookingId, expiresAt: hold.expiresAt.toISOString() });
    case 'confirmed':
      return inventoryReply('HoldConfirmed', { bookingId });
    case 'released':
    case 'expired':
      return inventoryReply('HoldReleased', { bookingId });
  }
}

export function holdCommands(deps: HoldCommandDeps) {
  const { transact, now } = deps;
  const rangeOf = (hold: Pick<Hold, 'roomTypeId' | 'checkIn' | 'checkOut'>) => ({ roomTypeId: hold.roomTypeId, checkIn: hold.checkIn, checkOut: hold.checkOut });

  /** Gives the rooms back and ends the hold in `state` (released or expired). */
  async function endHold(tx: InventoryTransaction, hold: Hold, state: 'released' | 'expired'): Promise<void> {
    await tx.holds.giveBackRooms(rangeOf(hold), hold.rooms);
    await tx.holds.setHoldState(hold.bookingId, state);
  }

  return {
    holdRooms: (message: SagaEnvelope, command: HoldRooms) =>
      handleOnce(transact, message.id, async (tx) => {
        const { bookingId } = command;
        const existing = await tx.holds.findHold(bookingId);
        if (existing) return [currentFact(existing)];
        if (!(await tx.holds.roomTypeExists(command.roomTypeId))) return [inventoryReply('HoldRefused', { bookingId, reason: 'unknown_room_type' })];
        const range = rangeOf(command);
        // Nights without an inventory row (past the 365 days loaded) are not for sale.
        if ((await tx.holds.countNights(range)) < nightsOf(command.checkIn, command.checkOut)) return [inventoryReply('HoldRefused', { bookingId, reason: 'sold_out' })];
        // The database decides: the CHECK refuses the decrement that would go below zero.
        if ((await tx.holds.takeRooms(range, command.rooms)) === 'sold_out') return [inventoryReply('HoldRefused', { bookingId, reason: 'sold_out' })];
        const expiresAt = new Date(now().getTime() + deps.holdTtlMs);
        await tx.holds.insertHold({ ...command, state: 'held', expiresAt });
        return [inventoryReply('RoomsHeld', { bookingId, expiresAt: expiresAt.toISOString() })];
      }),

    confirmHold: (message: SagaEnvelope, { bookingId }: BookingOnly) =>
      handleOnce(transact, message.id, async (tx) => {
        const hold = await tx.holds.findHold(bookingId);
        if (hold?.state === 'confirmed') return [inventoryReply('HoldConfirmed', { bookingId })];
        if (hold?.state === 'held' && hold.expiresAt > now()) {
          await tx.holds.setHoldState(bookingId, 'confirmed');
          return [inventoryReply('HoldConfirmed', { bookingId })];
        }
        // Past its expiry but not swept yet: this is the moment it expires.
        if (hold?.state === 'held') await endHold(tx, hold, 'expired');
        return [inventoryReply('HoldConfirmRefused', { bookingId, reason: 'hold_expired' })];
      }),

    releaseHold: (message: SagaEnvelope, { bookingId }: BookingOnly) =>
      handleOnce(transact, message.id, async (tx) => {
        const hold = await tx.holds.findHold(bookingId);
        // A confirmed hold is released too: a guest's cancellation gives the rooms back.
        if (hold?.state === 'held' || hold?.state === 'confirmed') await endHold(tx, hold, 'released');
        return [inventoryReply('HoldReleased', { bookingId })];
      }),

    /**
     * The last line of defence: a hold nobody confirmed or released in time (the
     * orchestrator crashed, a message was dead-lettered) gives its rooms back. No
     * message: the orchestrator learns it when it asks (ConfirmHold → hold_expired).
     * Returns whether this call expired the hold (false: someone got there first).
     */
    expireHold: (bookingId: string) =>
      transact(async (tx) => {
        const hold = await tx.holds.findHold(bookingId);
        if (hold?.state !== 'held' || hold.expiresAt > now()) return false;
        await endHold(tx, hold, 'expired');
        return true;
      }),
  };
}

export type HoldCommands = ReturnType<typeof holdCommands>;
