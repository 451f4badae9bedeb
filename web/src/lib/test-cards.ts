/**
 * The payment service's test cards as the booking form offers them, each with what it does.
 * The numbers are payment's own (services/payment/contract.ts), imported, not copied; the
 * expiry and CVC are any valid ones (the fake provider ignores them).
 */
import { TEST_CARDS, type CardBehaviour } from '../../../services/payment/contract.ts';

export interface TestCard {
  behaviour: CardBehaviour;
  number: string;
  /** 4242 4242 4242 4242 */
  spaced: string;
  label: string;
  hint: string;
}

const described: Record<CardBehaviour, { label: string; hint: string }> = {
  succeed: { label: 'Card that pays', hint: 'The payment succeeds: the booking is confirmed.' },
  decline: { label: 'Card that is declined', hint: 'The bank declines it: the room is released and nothing is charged.' },
  slow: { label: 'Card that is too slow', hint: 'The bank answers after the deadline: the authorization is voided and the room released.' },
};

export const testCards: TestCard[] = (['succeed', 'decline', 'slow'] as const).map((behaviour) => ({
  behaviour,
  number: TEST_CARDS[behaviour],
  spaced: TEST_CARDS[behaviour].replace(/(\d{4})(?=\d)/g, '$1 '),
  ...described[behaviour],
}));

/** A valid expiry for any test card: December, a few years ahead of `now`. */
export function testExpiry(now: Date): { expiryMonth: number; expiryYear: number; cvc: string } {
  return { expiryMonth: 12, expiryYear: now.getUTCFullYear() + 3, cvc: '123' };
}
