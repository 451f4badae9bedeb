import { describe, expect, it } from 'vitest';
import { allowedMethods } from '../../../../services/kit/allowed-methods.ts';

const routes = [
  { method: 'GET', url: '/api/hotels/:id' },
  { method: 'PUT', url: '/api/hotels/:id' },
  { method: 'POST', url: '/api/hotels' },
];

describe('allowedMethods', () => {
  it('lists the methods of the routes whose pattern matches the path, trailing slash ignored', () => {
    expect(allowedMethods(routes, '/api/hotels/7/')).toEqual(['GET', 'PUT']);
    expect(allowedMethods(routes, '/api/hotels')).toEqual(['POST']);
  });

  it('is empty for a path no route has, and a parameter never matches an empty segment', () => {
    expect(allowedMethods(routes, '/api/rooms')).toEqual([]);
    expect(allowedMethods(routes, '/api/hotels/7/rooms')).toEqual([]);
    expect(allowedMethods([{ method: 'GET', url: '/a/:id/b' }], '/a//b')).toEqual([]);
  });
});
