/**
 * What the orchestrator may know of the payment service: its test cards (SAGA-DESIGN.md,
 * Changes), which the smoke test and bench:bookings send through the public booking API.
 */
export { DEFAULT_SLOW_AUTHORIZATION_DELAY_MS, TEST_CARDS, type CardBehaviour } from './test-cards.ts';
