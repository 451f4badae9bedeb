/**
 * Maps the API's 400 `error.fields` onto the form: each known field gets its message
 * next to its control; what names no control (an unknown field, the body itself) is
 * shown above the form, so no message the API sends is lost.
 */
import { ApiError } from './api-error.ts';
import type { HotelDraft } from './hotel.ts';

export type FormField = keyof HotelDraft;
export const FORM_FIELDS: readonly FormField[] = ['name', 'city', 'stars', 'description'];

export interface FormErrors {
  fields: Partial<Record<FormField, string>>;
  /** Messages for the whole form. */
  form: string[];
}

export const noFormErrors: FormErrors = { fields: {}, form: [] };

export function formErrorsOf(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) {
    return { fields: {}, form: [error instanceof Error ? error.message : String(error)] };
  }
  if (error.fields.length === 0) return { fields: {}, form: [error.message] };
  const result: FormErrors = { fields: {}, form: [] };
  for (const { field, message } of error.fields) {
    if ((FORM_FIELDS as readonly string[]).includes(field)) {
      const key = field as FormField;
      // Several messages for one field read as one sentence each.
      result.fields[key] = result.fields[key] ? `${result.fields[key]}; ${message}` : `${capitalize(key)} ${message}`;
    } else {
      result.form.push(`${field} ${message}`);
    }
  }
  return result;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
