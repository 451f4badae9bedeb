/**
 * The booking API's refusals as the booking form shows them: the guest's fields next to their
 * controls, everything else (sold out, a service not answering, a field no control shows)
 * above the form, so no message is lost. An outage says the same form may be sent again: the
 * attempt keeps its Idempotency-Key, so a retry can never book twice.
 */
import { ApiError } from './api-error.ts';

export type BookingFormField = 'name' | 'email' | 'card';

export interface BookingFormErrors {
  fields: Partial<Record<BookingFormField, string>>;
  form: string[];
}

const fieldOf: Record<string, { control: BookingFormField; label: string }> = {
  'guest.name': { control: 'name', label: 'Name' },
  'guest.email': { control: 'email', label: 'Email' },
};

export function bookingFormErrors(error: unknown): BookingFormErrors {
  const result: BookingFormErrors = { fields: {}, form: [] };
  if (!(error instanceof ApiError)) {
    result.form.push(error instanceof Error ? error.message : String(error));
    return result;
  }
  if (error.code === 'sold_out') {
    result.form.push(`Sold out: ${error.message}`);
    return result;
  }
  if (error.fields.length === 0) {
    // Not the guest's fault (unreachable, 5xx): the booking may or may not exist; the same attempt's key makes a retry safe.
    result.form.push(error.kind === 'rejected' ? error.message : `${error.message} Sending the form again is safe: it cannot book twice.`);
    return result;
  }
  for (const { field, message } of error.fields) {
    const known = fieldOf[field];
    if (known) result.fields[known.control] = `${known.label} ${message}`;
    else if (field.startsWith('card.')) result.fields.card = `Card ${field.slice(5)} ${message}`;
    else result.form.push(`${field} ${message}`);
  }
  return result;
}
