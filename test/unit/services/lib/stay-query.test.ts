/** The stay in a query string (services/lib/stay-query.ts): dates both or neither, the calendar's rules, guests. */
import { describe, expect, it } from 'vitest';
import { parseStayQuery } from '../../../../services/lib/stay-query.ts';

const today = new Date('2026-12-07T12:00:00Z');
const parse = (query: string, required = false) => parseStayQuery(new URLSearchParams(query), today, { required });
const fieldsOf = (query: string, required = false) => {
  const result = parse(query, required);
  return result.ok ? [] : result.fields.map((f) => f.field);
};

describe('parseStayQuery', () => {
  it('reads a stay, its nights, and two guests by default', () => {
    expect(parse('check_in=2026-12-20&check_out=2026-12-23')).toEqual({ ok: true, stay: { checkIn: '2026-12-20', checkOut: '2026-12-23', nights: 3, guests: 2 } });
    expect(parse('check_in=2026-12-07&check_out=2026-12-08&guests=10')).toMatchObject({ ok: true, stay: { nights: 1, guests: 10 } });
  });

  it('no dates: no stay where one is optional, both fields named where it is required', () => {
    expect(parse('')).toEqual({ ok: true, stay: undefined });
    expect(fieldsOf('', true)).toEqual(['check_in', 'check_out']);
    expect(fieldsOf('guests=2')).toEqual(['guests']);
  });

  it('one date without the other names the missing one', () => {
    expect(fieldsOf('check_in=2026-12-20')).toEqual(['check_out']);
    expect(fieldsOf('check_out=2026-12-20')).toEqual(['check_in']);
  });

  it.each([
    ['check_in=2026-12-06&check_out=2026-12-08', ['check_in']],
    ['check_in=2026-12-20&check_out=2026-12-20', ['check_out']],
    ['check_in=2026-12-20&check_out=2026-12-19', ['check_out']],
    ['check_in=2026-12-20&check_out=2027-01-20', ['check_out']],
    ['check_in=2027-02-30&check_out=2027-03-02', ['check_in']],
    ['check_in=20-12-2026&check_out=2026-12-22', ['check_in']],
    ['check_in=2026-12-20&check_out=2026-12-22&guests=0', ['guests']],
    ['check_in=2026-12-20&check_out=2026-12-22&guests=11', ['guests']],
    ['check_in=2026-12-20&check_out=2026-12-22&guests=2.5', ['guests']],
  ])('%s is refused on %j', (query, fields) => {
    expect(fieldsOf(query)).toEqual(fields);
  });

  it('30 nights is the longest stay', () => {
    expect(parse('check_in=2026-12-20&check_out=2027-01-19')).toMatchObject({ ok: true, stay: { nights: 30 } });
  });
});
