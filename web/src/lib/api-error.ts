/**
 * Every way a call to catalog-api can fail, as one error the pages can show: the
 * API's own JSON errors keep their code and field errors; anything else (HAProxy's
 * 503 page when no replica is up, a network failure) becomes a sentence with the fix.
 */
import type { FieldError } from './hotel.ts';

export type ApiErrorKind = 'unreachable' | 'unavailable' | 'rejected';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
    readonly fields: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const startTheStack = 'Start the stack with `npm run up`, then try again.';

export function unreachable(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ApiError('unreachable', `The booking API cannot be reached (${detail}). ${startTheStack}`);
}

/** A response that is not a 2xx: the API's JSON error if it sent one, else what the status means. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const error = apiErrorBody(body);
  if (error) {
    const kind = status >= 500 ? 'unavailable' : 'rejected';
    return new ApiError(kind, error.message, status, error.code, error.fields ?? [], error.requestId);
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError('unavailable', `The booking API is not running (the load balancer answered ${status}). ${startTheStack}`, status);
  }
  return new ApiError(status >= 500 ? 'unavailable' : 'rejected', `The booking API answered ${status} without an explanation.`, status);
}

interface ApiErrorBody {
  code: string;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}

function apiErrorBody(body: unknown): ApiErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, requestId } = body as { error?: unknown; requestId?: unknown };
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, fields } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  return {
    code,
    message,
    fields: Array.isArray(fields) ? fields.filter(isFieldError) : undefined,
    requestId: typeof requestId === 'string' ? requestId : undefined,
  };
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === 'object' && value !== null && typeof (value as FieldError).field === 'string' && typeof (value as FieldError).message === 'string';
}
