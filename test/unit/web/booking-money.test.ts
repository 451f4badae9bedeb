/** Price totals as the page shows them (web/src/lib/money.ts): minor units, the currency's decimals. */
import { describe, expect, it } from 'vitest';
import { formatMoney, perNight } from '../../../web/src/lib/money.ts';

describe('money', () => {
  it("shows minor units with the currency's decimals", () => {
    expect(formatMoney({ amountMinor: 36_000, currency: 'EUR' })).toBe('€360.00');
    expect(formatMoney({ amountMinor: 12_345, currency: 'EUR' })).toBe('€123.45');
    expect(formatMoney({ amountMinor: 5_000, currency: 'JPY' })).toBe('JP¥5,000');
  });

  it('a night of a total, rounded to the minor unit', () => {
    expect(perNight({ amountMinor: 36_000, currency: 'EUR' }, 3)).toEqual({ amountMinor: 12_000, currency: 'EUR' });
    expect(perNight({ amountMinor: 10_000, currency: 'EUR' }, 3)).toEqual({ amountMinor: 3_333, currency: 'EUR' });
    expect(perNight({ amountMinor: 10_000, currency: 'EUR' }, 0).amountMinor).toBe(10_000);
  });
});
