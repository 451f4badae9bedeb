import { describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../../../../../services/kit/saga/saga-envelope.ts';

const id = '3f0e4f7a-9d1e-4c55-8a43-2b6d1c0f9e21';
const message = (value: unknown, headers: Record<string, string> = { id, type: 'HoldRooms' }, key: string | null = 'b1') => ({
  key: key === null ? null : Buffer.from(key),
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers,
});

describe('decodeEnvelope (the outbox event router\'s message)', () => {
  it('reads id and type from the headers, the booking id from the key and the payload from the JSON value', () => {
    expect(decodeEnvelope(message({ bookingId: 'b1', rooms: 2 }))).toEqual({ ok: true, envelope: { id, type: 'HoldRooms', bookingId: 'b1', payload: { bookingId: 'b1', rooms: 2 } } });
  });

  it('accepts a payload the router could not expand (a JSON string holding the object)', () => {
    expect(decodeEnvelope(message(JSON.stringify(JSON.stringify({ bookingId: 'b1' }))))).toMatchObject({ ok: true, envelope: { payload: { bookingId: 'b1' } } });
  });

  it.each([
    ['no id header', message({ bookingId: 'b1' }, { type: 'HoldRooms' }), /header "id"/],
    ['an id that is no UUID', message({ bookingId: 'b1' }, { id: '42', type: 'HoldRooms' }), /header "id"/],
    ['no type header', message({ bookingId: 'b1' }, { id }), /header "type"/],
    ['no key', message({ bookingId: 'b1' }, undefined, null), /key/],
    ['a tombstone', message(null), /tombstone/],
    ['a value that is not JSON', message('{nope'), /not JSON/],
    ['an array', message([1]), /not a JSON object/],
    ['a payload for another booking', message({ bookingId: 'b2' }), /differs from the key/],
  ])('refuses %s with a reason', (_name, input, reason) => {
    const decoded = decodeEnvelope(input);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.reason).toMatch(reason);
  });
});
