/**
 * A numeric command option, checked once: `--runs`, `--rows`, `--limit` all want a
 * whole number in a range, with the usage as the fix when it is not.
 */
import { UsageError } from '../errors.ts';

export interface WholeNumberRule {
  option: string;
  min: number;
  max: number;
  fallback: number;
}

export function wholeNumberOption(value: string | undefined, rule: WholeNumberRule, usage: string): number {
  if (value === undefined) return rule.fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < rule.min || number > rule.max) {
    throw new UsageError(`--${rule.option} must be a whole number from ${rule.min} to ${rule.max}, got ${value}`, usage);
  }
  return number;
}
