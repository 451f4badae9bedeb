/** The payment tables the saga's commands touch (mysql/payments/migrations), inside one transaction. */
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { SqlConnection } from '../kit/saga/sql-connection.ts';

export type CardBehaviour = 'succeed' | 'decline' | 'slow';
export type PaymentState = 'authorizing' | 'authorized' | 'declined' | 'captured' | 'voided' | 'refunded';

export interface Payment {
  bookingId: string;
  cardToken: string;
  amountMinor: number;
  currency: string;
  state: PaymentState;
  capturedMinor: number;
  updatedAt: Date;
}

export interface PaymentStore {
  /** The booking's payment, locked until the transaction ends (FOR UPDATE). */
  findPayment(bookingId: string): Promise<Payment | undefined>;
  /** The test card's behaviour; undefined for a token nobody issued. */
  cardBehaviour(token: string): Promise<CardBehaviour | undefined>;
  insertPayment(payment: Omit<Payment, 'capturedMinor' | 'updatedAt'>): Promise<void>;
  /** Moves the payment to `state` (and its captured amount, when given). */
  setState(bookingId: string, state: PaymentState, capturedMinor?: number): Promise<void>;
  /** Payments still authorizing whose last change is before `before`, oldest first. */
  authorizingSince(before: Date, limit: number): Promise<string[]>;
}

interface PaymentRow extends RowDataPacket {
  booking_id: string;
  card_token: string;
  amount_minor: number | string;
  currency: string;
  state: PaymentState;
  captured_minor: number | string;
  updated_at: Date;
}

export function sqlPaymentStore(connection: SqlConnection): PaymentStore {
  return {
    async findPayment(bookingId) {
      const [rows] = await connection.execute<PaymentRow[]>(
        'SELECT booking_id, card_token, amount_minor, currency, state, captured_minor, updated_at FROM payments WHERE booking_id = ? FOR UPDATE',
        [bookingId],
      );
      const row = rows[0];
      return row && {
        bookingId: row.booking_id,
        cardToken: row.card_token,
        amountMinor: Number(row.amount_minor),
        currency: row.currency,
        state: row.state,
        capturedMinor: Number(row.captured_minor),
        updatedAt: new Date(row.updated_at),
      };
    },
    async cardBehaviour(token) {
      const [rows] = await connection.execute<RowDataPacket[]>('SELECT behaviour FROM card_tokens WHERE token = ?', [token]);
      return rows[0]?.behaviour as CardBehaviour | undefined;
    },
    async insertPayment(payment) {
      await connection.execute<ResultSetHeader>(
        'INSERT INTO payments (booking_id, card_token, amount_minor, currency, state, captured_minor, updated_at) VALUES (?, ?, ?, ?, ?, 0, CURRENT_TIMESTAMP(3))',
        [payment.bookingId, payment.cardToken, payment.amountMinor, payment.currency, payment.state],
      );
    },
    async setState(bookingId, state, capturedMinor) {
      if (capturedMinor === undefined) {
        await connection.execute<ResultSetHeader>('UPDATE payments SET state = ?, updated_at = CURRENT_TIMESTAMP(3) WHERE booking_id = ?', [state, bookingId]);
      } else {
        await connection.execute<ResultSetHeader>('UPDATE payments SET state = ?, captured_minor = ?, updated_at = CURRENT_TIMESTAMP(3) WHERE booking_id = ?', [state, capturedMinor, bookingId]);
      }
    },
    async authorizingSince(before, limit) {
      const [rows] = await connection.execute<RowDataPacket[]>(
        `SELECT booking_id FROM payments WHERE state = 'authorizing' AND updated_at < ? ORDER BY updated_at LIMIT ${Math.max(1, Math.floor(limit))}`,
        [before],
      );
      return rows.map((row) => String(row.booking_id));
    },
  };
}
