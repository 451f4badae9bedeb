/**
 * A card as TokenizeCard receives it, checked: the number's digits (spaces and dashes
 * allowed), 12 to 19 of them, passing the Luhn check; the brand from its prefix; an
 * expiry that has not passed; a CVC of the brand's length. A problem names the field
 * and what is expected, never the value: these messages reach the caller and may be
 * logged by it. What survives is only what a receipt shows (brand, last four).
 */
import type { FieldError } from '../kit/http-error.ts';
import { behaviourOf, type CardBehaviour } from './test-cards.ts';

export type Brand = 'visa' | 'mastercard' | 'amex' | 'unknown';

export interface CardInput {
  number: string;
  expiryMonth: number;
  expiryYear: number;
  cvc: string;
}

/** What may be kept of a card. */
export interface CardSummary {
  brand: Brand;
  last4: string;
  behaviour: CardBehaviour;
}

export type CardCheck = { ok: true; card: CardSummary } | { ok: false; fields: FieldError[] };

export function checkCard(input: CardInput, now: Date): CardCheck {
  const fields: FieldError[] = [];
  const digits = input.number.replace(/[\s-]/g, '');
  const brand = /^\d+$/.test(digits) ? brandOf(digits) : 'unknown';
  if (!/^\d{12,19}$/.test(digits)) fields.push({ field: 'number', message: 'must be 12 to 19 digits (spaces and dashes are ignored)' });
  else if (!passesLuhn(digits)) fields.push({ field: 'number', message: 'is not a valid card number (check digit does not match)' });
  if (!Number.isInteger(input.expiryMonth) || input.expiryMonth < 1 || input.expiryMonth > 12) {
    fields.push({ field: 'expiry_month', message: 'must be a month from 1 to 12' });
  } else if (expired(input.expiryYear, input.expiryMonth, now)) {
    fields.push({ field: 'expiry_year', message: 'the card has expired (expiry_month/expiry_year is before this month)' });
  }
  if (!Number.isInteger(input.expiryYear) || input.expiryYear < 2000 || input.expiryYear > 2099) {
    fields.push({ field: 'expiry_year', message: 'must be a four-digit year, e.g. 2030' });
  }
  const cvcLength = brand === 'amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(input.cvc)) fields.push({ field: 'cvc', message: `must be ${cvcLength} digits for this card` });
  if (fields.length > 0) return { ok: false, fields: unique(fields) };
  return { ok: true, card: { brand, last4: digits.slice(-4), behaviour: behaviourOf(digits) } };
}

/** The Luhn (mod 10) check: every second digit from the right doubled, digits summed. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** By the issuer prefixes the networks publish: Visa 4, Mastercard 51-55 and 2221-2720, Amex 34 and 37. */
export function brandOf(digits: string): Brand {
  if (digits.startsWith('4')) return 'visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  return 'unknown';
}

/** A card is valid through the last day of its expiry month (UTC). */
function expired(year: number, month: number, now: Date): boolean {
  return year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

function unique(fields: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.field) && seen.add(f.field));
}
