/**
 * The confirmation number (10 digits) and the PIN (6 digits) a guest gets once. The PIN is
 * stored as a salted scrypt hash (https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options)
 * and checked in constant time; a lookup of an unknown number checks against a dummy hash of
 * the same cost, so a wrong PIN and an unknown number take the same time and answer the same.
 * HAProxy's rate limit is what makes guessing a 6-digit PIN hopeless; the hash protects the
 * PINs if the table leaks.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const NUMBER_SHAPE = /^\d{10}$/;
export const PIN_SHAPE = /^\d{6}$/;

/** A few milliseconds a hash: enough to slow a leaked table, cheap at the bench's rate. */
const COST: ScryptOptions = { N: 4096, r: 8, p: 1 };
const KEY_LENGTH = 32;

export function newBookingNumber(random: (min: number, max: number) => number = randomInt): string {
  // No leading zero, so the number survives a spreadsheet or a careless integer cast.
  return String(random(1, 10)) + String(random(0, 1e9)).padStart(9, '0');
}

export function newPin(random: (min: number, max: number) => number = randomInt): string {
  return String(random(0, 1e6)).padStart(6, '0');
}

export async function hashPin(pin: string, salt: Buffer = randomBytes(16)): Promise<string> {
  const hash = await derive(pin, salt);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a PIN against a stored hash (or, for an unknown number, against `dummyPinHash`). */
export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || Number(n) !== COST.N || Number(r) !== COST.r || Number(p) !== COST.p) {
    throw new Error('a stored PIN hash is not in the scrypt$N$r$p$salt$hash form this service writes');
  }
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(pin, Buffer.from(salt, 'base64'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Made once at start: the hash an unknown number's lookup is checked against. */
export function dummyPinHash(): Promise<string> {
  return hashPin(newPin());
}

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_LENGTH, COST, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
