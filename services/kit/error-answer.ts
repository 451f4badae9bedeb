/**
 * Every failure a service answers, in one JSON shape:
 * `{ error: { code, message, fields? }, requestId }`. Fastify's own refusals (body
 * too large, not JSON, a schema that does not match) get the project's codes and
 * a message that says the fix; anything the service did not foresee goes through
 * its own mapping (a dependency down is 503) and otherwise is a 500 whose detail
 * stays in the log.
 */
import { HttpError, type FieldError } from './http-error.ts';

export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string; fields?: FieldError[] }; requestId: string };
}

interface FrameworkError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: Array<{ instancePath?: string; message?: string; params?: { missingProperty?: string; additionalProperty?: string } }>;
  validationContext?: string;
}

export function errorAnswer(
  error: unknown,
  requestId: string,
  context: { bodyLimitBytes: number; serviceError?: (error: unknown) => HttpError },
): ErrorAnswer {
  const httpError = frameworkError(error as FrameworkError, context.bodyLimitBytes) ?? (context.serviceError ?? internalError)(error);
  const { status, code, message, fields } = httpError;
  return { status, body: { error: { code, message, ...(fields ? { fields } : {}) }, requestId } };
}

export function internalError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  return new HttpError(500, 'internal_error', 'unexpected error; see the service log for the request id');
}

function frameworkError(error: FrameworkError, bodyLimitBytes: number): HttpError | undefined {
  if (error instanceof HttpError || typeof error !== 'object' || error === null) return undefined;
  if (error.validation) {
    const fields = error.validation.map((problem) => {
      // The field's dotted path: a missing or unknown property is named inside its object (guest.email).
      const path = [problem.instancePath?.replace(/^\//, '').replaceAll('/', '.'), problem.params?.missingProperty ?? problem.params?.additionalProperty]
        .filter(Boolean)
        .join('.');
      const unknown = problem.params?.additionalProperty !== undefined;
      return { field: path || `(${error.validationContext ?? 'body'})`, message: unknown ? 'is not a known field' : (problem.message ?? 'is not valid') };
    });
    return new HttpError(400, 'validation_failed', `the ${error.validationContext ?? 'request'} has invalid fields`, fields);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'payload_too_large', `request body is larger than the limit of ${bodyLimitBytes} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'unsupported_media_type', 'the body must be JSON: send the header Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, 'invalid_json', 'request body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError(400, 'invalid_json', `request body is not valid JSON: ${error.message}`);
  }
  // The JSON parser's SyntaxError carries statusCode 400.
  if (error instanceof SyntaxError && (error as FrameworkError).statusCode === 400) {
    return new HttpError(400, 'invalid_json', `request body is not valid JSON: ${error.message}`);
  }
  // Any other refusal of Fastify's own (FST_ERR_*) is the client's: keep its status and say what it was.
  if (error.code?.startsWith('FST_') && error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new HttpError(error.statusCode, 'bad_request', error.message ?? 'the request is not valid');
  }
  return undefined;
}
