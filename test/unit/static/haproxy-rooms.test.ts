/**
 * HAProxy's route for a hotel's rooms (BOOKING-UI.md): GET /api/hotels/<id>/rooms is the
 * booking service's, ahead of catalog-api's /api/ rule; every other /api/hotels path stays
 * the catalog's, and the route is no booking lookup (no miss counting, no 429).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';

const lines = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8').split('\n').map((line) => line.trim());
const ROUTE = 'use_backend booking if { path_reg ^/api/hotels/[0-9]+/rooms$ }';

describe('haproxy.cfg: the rooms route', () => {
  it('sends /api/hotels/<id>/rooms to the booking service before the catalog rule', () => {
    const toRooms = lines.indexOf(ROUTE);
    expect(toRooms).toBeGreaterThan(-1);
    expect(toRooms).toBeLessThan(lines.findIndex((line) => line.startsWith('use_backend catalog_api')));
  });

  it('matches only the rooms path: the catalog keeps its hotel paths', () => {
    const pattern = new RegExp(/path_reg (\S+) \}/.exec(ROUTE)![1]!);
    expect(pattern.test('/api/hotels/12/rooms')).toBe(true);
    for (const path of ['/api/hotels/12', '/api/hotels/12/rooms/3', '/api/hotels/x/rooms', '/api/hotels//rooms', '/api/hotels/12/roomsx']) {
      expect(pattern.test(path), path).toBe(false);
    }
    // Not a booking lookup: the 404-counting table never sees it.
    expect(new RegExp('^/api/bookings/[^/]+(/cancel)?/?$').test('/api/hotels/12/rooms')).toBe(false);
  });
});
