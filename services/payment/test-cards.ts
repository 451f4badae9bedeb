/**
 * The fake provider's test cards (SAGA-DESIGN.md, Changes): three Luhn-valid numbers
 * with a fixed behaviour, stored with the token so the saga's authorization (another
 * module) knows what to do. Any other valid number behaves as `succeed`.
 */
export type CardBehaviour = 'succeed' | 'decline' | 'slow';

export const TEST_CARDS: Readonly<Record<CardBehaviour, string>> = {
  succeed: '4242424242424242',
  decline: '4000000000000002',
  /** Authorizes later than the orchestrator's step deadline: the saga voids it. */
  slow: '4000000000000119',
};

/**
 * How much later than its AuthorizePayment the slow card answers, unless the payment
 * service's SLOW_AUTHORIZATION_DELAY_MS says otherwise: longer than the orchestrator's
 * payment step deadline (3 s), so the saga voids first.
 */
export const DEFAULT_SLOW_AUTHORIZATION_DELAY_MS = 30_000;

export function behaviourOf(digits: string): CardBehaviour {
  if (digits === TEST_CARDS.decline) return 'decline';
  if (digits === TEST_CARDS.slow) return 'slow';
  return 'succeed';
}
