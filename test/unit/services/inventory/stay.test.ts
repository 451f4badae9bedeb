import { describe, expect, it } from 'vitest';
import { checkStay, MAX_NIGHTS } from '../../../../services/inventory/stay.ts';

const today = new Date('2030-06-10T22:00:00Z');
const fieldsOf = (checkIn: string, checkOut: string, guests = 2) => {
  const result = checkStay({ checkIn, checkOut, guests }, today);
  return result.ok ? [] : result.fields.map((f) => f.field);
};

describe('checkStay', () => {
  it('counts the nights of a stay that starts today or later', () => {
    expect(checkStay({ checkIn: '2030-06-10', checkOut: '2030-06-13', guests: 2 }, today)).toEqual({
      ok: true,
      stay: { checkIn: '2030-06-10', checkOut: '2030-06-13', nights: 3, guests: 2 },
    });
  });

  it('refuses dates reversed or equal, naming check_out', () => {
    expect(fieldsOf('2030-06-15', '2030-06-12')).toEqual(['check_out']);
    expect(fieldsOf('2030-06-15', '2030-06-15')).toEqual(['check_out']);
  });

  it(`allows ${MAX_NIGHTS} nights and refuses one more`, () => {
    expect(fieldsOf('2030-07-01', '2030-07-31')).toEqual([]);
    const result = checkStay({ checkIn: '2030-07-01', checkOut: '2030-08-01', guests: 1 }, today);
    expect(result).toEqual({ ok: false, fields: [{ field: 'check_out', message: `must be at most ${MAX_NIGHTS} nights after check_in` }] });
  });

  it('refuses a check-in in the past (UTC calendar day), naming check_in', () => {
    expect(fieldsOf('2030-06-09', '2030-06-12')).toEqual(['check_in']);
  });

  it('refuses what is not a calendar date, and no guests', () => {
    expect(fieldsOf('2030-02-30', '2030-03-02')).toEqual(['check_in']);
    expect(fieldsOf('2030-07-01', '1 Aug')).toEqual(['check_out']);
    expect(fieldsOf('2030-07-01', '2030-07-02', 0)).toEqual(['guests']);
  });
});
