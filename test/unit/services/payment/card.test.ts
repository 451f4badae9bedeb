import { describe, expect, it } from 'vitest';
import { brandOf, checkCard, passesLuhn } from '../../../../services/payment/card.ts';
import { TEST_CARDS } from '../../../../services/payment/test-cards.ts';

const now = new Date('2030-06-15T12:00:00Z');
const card = { number: '4242 4242 4242 4242', expiryMonth: 12, expiryYear: 2031, cvc: '123' };

describe('checkCard', () => {
  it('keeps only the brand, the last four digits and the test behaviour', () => {
    expect(checkCard(card, now)).toEqual({ ok: true, card: { brand: 'visa', last4: '4242', behaviour: 'succeed' } });
  });

  it('gives each test card its behaviour; all three pass Luhn', () => {
    for (const [behaviour, number] of Object.entries(TEST_CARDS)) {
      expect(passesLuhn(number)).toBe(true);
      expect(checkCard({ ...card, number }, now)).toMatchObject({ ok: true, card: { behaviour } });
    }
    expect(checkCard({ ...card, number: '5555-5555-5555-4444' }, now)).toEqual({ ok: true, card: { brand: 'mastercard', last4: '4444', behaviour: 'succeed' } });
  });

  it('refuses a number whose check digit is wrong, without echoing it', () => {
    const result = checkCard({ ...card, number: '4242424242424241' }, now);
    expect(result).toEqual({ ok: false, fields: [{ field: 'number', message: 'is not a valid card number (check digit does not match)' }] });
    expect(JSON.stringify(result)).not.toContain('424242');
  });

  it('refuses letters and wrong lengths, an expired card, a bad month and a short CVC', () => {
    const fields = (input: Partial<typeof card>) => {
      const result = checkCard({ ...card, ...input }, now);
      return result.ok ? [] : result.fields.map((f) => f.field);
    };
    expect(fields({ number: '4242x4242' })).toEqual(['number']);
    expect(fields({ number: '42424242424' })).toEqual(['number']);
    expect(fields({ expiryMonth: 5, expiryYear: 2030 })).toEqual(['expiry_year']);
    expect(fields({ expiryMonth: 6, expiryYear: 2030 })).toEqual([]);
    expect(fields({ expiryMonth: 13 })).toEqual(['expiry_month']);
    expect(fields({ expiryYear: 31 })).toEqual(['expiry_year']);
    expect(fields({ cvc: '12' })).toEqual(['cvc']);
    expect(fields({ number: '378282246310005', cvc: '123' })).toEqual(['cvc']);
  });

  it('knows the brands by prefix', () => {
    expect(brandOf('4111111111111111')).toBe('visa');
    expect(brandOf('2221000000000009')).toBe('mastercard');
    expect(brandOf('378282246310005')).toBe('amex');
    expect(brandOf('6011111111111117')).toBe('unknown');
  });
});
