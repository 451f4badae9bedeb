/**
 * card_tokens in the payments database: a token and what a receipt shows. The type
 * takes a CardSummary, which has no number field, so the full number cannot reach
 * this table by mistake.
 */
import type { Pool } from 'mysql2/promise';
import type { CardSummary } from './card.ts';

export interface CardTokenStore {
  save(token: string, card: CardSummary): Promise<void>;
}

export function createMysqlCardTokenStore(pool: Pool): CardTokenStore {
  return {
    async save(token, card) {
      await pool.execute('INSERT INTO card_tokens (token, brand, last4, behaviour) VALUES (?, ?, ?, ?)', [token, card.brand, card.last4, card.behaviour]);
    },
  };
}
