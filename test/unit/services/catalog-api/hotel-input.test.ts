import { describe, expect, it } from 'vitest';
import { parseHotelId, validateHotelInput } from '../../../../services/catalog-api/hotel-input.ts';

describe('validateHotelInput', () => {
  it('accepts a valid hotel and trims text', () => {
    expect(validateHotelInput({ name: ' Alpenhof ', city: 'Innsbruck', stars: 4 })).toEqual({
      ok: true,
      value: { name: 'Alpenhof', city: 'Innsbruck', stars: 4, description: null },
    });
  });

  it('names every invalid field at once', () => {
    const result = validateHotelInput({ name: '', city: 7, stars: 2.5, description: 3, extra: true });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toEqual(['extra', 'name', 'city', 'stars', 'description']);
  });

  it('enforces length limits in characters, not bytes', () => {
    expect(validateHotelInput({ name: 'é'.repeat(200), city: 'x', stars: 1 }).ok).toBe(true);
    const tooLong = validateHotelInput({ name: 'a'.repeat(201), city: 'x', stars: 1 });
    expect(tooLong.ok ? [] : tooLong.errors).toEqual([{ field: 'name', message: 'must be 1 to 200 characters (got 201)' }]);
    expect(validateHotelInput({ name: 'a', city: 'c'.repeat(101), stars: 1 }).ok).toBe(false);
  });

  it.each([0, 6, '3', null])('rejects stars = %j', (stars) => {
    const result = validateHotelInput({ name: 'a', city: 'b', stars });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['stars']);
  });

  it.each([null, [], 'text', 42])('rejects a body that is not an object: %j', (body) => {
    expect(validateHotelInput(body)).toEqual({ ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] });
  });

  it('treats an empty or null description as no description', () => {
    const result = validateHotelInput({ name: 'a', city: 'b', stars: 5, description: '  ' });
    expect(result.ok && result.value.description).toBeNull();
  });
});

describe('parseHotelId', () => {
  it('accepts positive integers only', () => {
    expect(parseHotelId('42')).toBe(42);
    for (const raw of ['0', '-1', '1.5', 'abc', '01', '', '99999999999999999']) expect(parseHotelId(raw)).toBeUndefined();
  });
});
