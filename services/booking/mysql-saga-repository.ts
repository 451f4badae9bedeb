/**
 * The saga's transitions in MySQL/MariaDB, one transaction each (SAGA-DESIGN.md, "The saga"):
 * the reply's id into the inbox, the bookings row updated only at the version the decision was
 * taken on (optimistic locking), one booking_steps row, the commands into the outbox. A lost
 * version rolls everything back, inbox row included, so the event is decided again.
 * Every statement is parameterized.
 */
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { sqlErrno } from '../kit/saga/sql-connection.ts';
import { toOutboxMessage } from './saga-messages.ts';
import type { Saga } from './saga-state.ts';
import type { SagaRepository, Transition } from './booking-store.ts';
import { bookingColumns, rowToSaga, type BookingRow } from './booking-rows.ts';
import { bookingTransact, type BookingTransaction } from './booking-transaction.ts';

/** Thrown inside a transaction to roll it back when its version was lost; never leaves this module. */
class StaleVersion extends Error {}

/**
 * MariaDB 11.6+ (innodb_snapshot_isolation=ON by default) refuses to update a row another
 * transaction changed since this one's snapshot: "Record has changed since last read" (1020)
 * instead of MySQL's update of the newer row (which the version check then finds stale).
 * Both mean the same here: another transition won. https://mariadb.com/kb/en/innodb-system-variables/#innodb_snapshot_isolation
 */
const ER_CHECKREAD = 1020;

export function createMysqlSagaRepository(pool: Pool): SagaRepository {
  const transact = bookingTransact(pool);
  return {
    async transition(bookingId, messageId, decide, now) {
      try {
        return await transact(async (tx) => {
          if (messageId !== undefined && !(await tx.inbox.markHandled(messageId))) return 'duplicate' as const;
          // A plain read, not FOR UPDATE, on purpose: the lock is optimistic. The UPDATE below applies
          // the decision only at the version read here, so a transition that won meanwhile (a reply
          // and the sweeper at once) makes this one 'stale', it rolls back whole (inbox row
          // included), and the runner decides the event again on the new row (saga-runner.ts). A
          // locking read would reach the same end by making the loser wait for the winner's commit,
          // holding the row across the decision; no reader here acts on the row without that
          // version check, so nothing is decided on a row that changed. Tested in
          // test/e2e/booking-repository.e2e.test.ts (two transitions at once: one wins, one is stale).
          const [rows] = await tx.connection.execute<RowDataPacket[]>(`SELECT ${bookingColumns} FROM bookings WHERE id = ?`, [bookingId]);
          const row = rows[0] as BookingRow | undefined;
          // Recorded as handled: a reply for a booking this database never had will not become valid.
          if (!row) return 'unknown_booking' as const;
          const saga = rowToSaga(row);
          const decision = decide(saga);
          if (decision.kind === 'ignore') return 'ignored' as const;
          if (!(await applyTransition(tx, saga, decision, now))) throw new StaleVersion();
          return 'applied' as const;
        });
      } catch (error) {
        if (error instanceof StaleVersion || sqlErrno(error) === ER_CHECKREAD) return 'stale';
        throw error;
      }
    },

    async overdue(now, limit) {
      const [rows] = await pool.query<RowDataPacket[]>('SELECT id FROM bookings WHERE step_deadline <= ? ORDER BY step_deadline LIMIT ?', [now, limit]);
      return rows.map((row) => String(row.id));
    },
  };
}

/**
 * The bookings row moved from `saga.version`, its step appended (seq = the new version + 1:
 * the start is version 0 and seq 1, each transition adds one of each) and its commands written.
 * False, with nothing written, when the row is no longer at that version.
 */
export async function applyTransition(tx: BookingTransaction, saga: Saga, transition: Transition, now: Date): Promise<boolean> {
  const { next } = transition;
  const [updated] = await tx.connection.execute<ResultSetHeader>(
    'UPDATE bookings SET state = ?, step = ?, reason = ?, step_deadline = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?',
    [next.state, next.step, next.reason, next.stepDeadline, now, saga.booking.id, saga.version],
  );
  if (updated.affectedRows === 0) return false;
  await appendStep(tx, saga.booking.id, saga.version + 2, transition, now);
  await writeCommands(tx, transition);
  return true;
}

export async function writeCommands(tx: BookingTransaction, transition: Transition): Promise<void> {
  for (const command of transition.commands) await tx.outbox.write(toOutboxMessage(command));
}

export async function appendStep(tx: BookingTransaction, bookingId: string, seq: number, transition: Transition, now: Date): Promise<void> {
  const { record } = transition;
  await tx.connection.execute('INSERT INTO booking_steps (booking_id, seq, step, outcome, participant, at) VALUES (?, ?, ?, ?, ?, ?)', [
    bookingId,
    seq,
    record.step,
    record.outcome,
    record.participant,
    now,
  ]);
}
