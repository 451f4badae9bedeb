/**
 * Money as the booking API answers it: integer minor units and an ISO currency
 * (`{ amountMinor, currency }`, services/booking/booking-view.ts). Shown with the
 * currency's own number of decimals (EUR 2, JPY 0), never computed in floating point.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

function formatter(currency: string): Intl.NumberFormat {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency });
}

export function formatMoney(money: Money): string {
  const format = formatter(money.currency);
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** decimals);
}

/** The price of one night of a stay's total, rounded to the minor unit (for "≈ €120 a night"). */
export function perNight(total: Money, nights: number): Money {
  return { amountMinor: nights > 0 ? Math.round(total.amountMinor / nights) : total.amountMinor, currency: total.currency };
}
