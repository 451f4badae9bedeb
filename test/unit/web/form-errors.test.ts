import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse } from '../../../web/src/lib/api-error.ts';
import { formErrorsOf } from '../../../web/src/lib/form-errors.ts';

describe("the form's errors from the API's 400 fields", () => {
  it('puts each known field message next to its control', () => {
    const error = errorFromResponse(400, {
      error: {
        code: 'validation_failed',
        message: 'the hotel has invalid fields',
        fields: [
          { field: 'name', message: 'must be 1 to 200 characters (got 0)' },
          { field: 'stars', message: 'must be an integer from 1 to 5' },
        ],
      },
    });
    expect(formErrorsOf(error)).toEqual({
      fields: { name: 'Name must be 1 to 200 characters (got 0)', stars: 'Stars must be an integer from 1 to 5' },
      form: [],
    });
  });

  it('shows what names no control above the form instead of dropping it', () => {
    const error = new ApiError('rejected', 'the hotel has invalid fields', 400, 'validation_failed', [
      { field: 'rooms', message: 'is not a known field' },
      { field: '(body)', message: 'must be a JSON object' },
    ]);
    expect(formErrorsOf(error)).toEqual({ fields: {}, form: ['rooms is not a known field', '(body) must be a JSON object'] });
  });

  it('joins two messages for one field', () => {
    const error = new ApiError('rejected', 'x', 400, 'validation_failed', [
      { field: 'city', message: 'is required' },
      { field: 'city', message: 'must be a string' },
    ]);
    expect(formErrorsOf(error).fields.city).toBe('City is required; must be a string');
  });

  it('shows an error without fields (API down) as a form message', () => {
    expect(formErrorsOf(errorFromResponse(503, undefined)).form[0]).toMatch(/not running.*npm run up/);
  });
});
