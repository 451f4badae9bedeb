/**
 * HAProxy's part of the booking API (haproxy/haproxy.cfg, backend booking): /api/bookings goes to
 * the booking service before the catalog's /api/ rule can take it, and a client's run of missed
 * lookups is refused with 429 and Retry-After from a per-address stick table, counted only on
 * lookups (never on creating a booking) and only when they answer 404.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';

const cfg = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8');
const lines = cfg.split('\n').map((line) => line.trim());
const booking = lines.slice(lines.indexOf('backend booking') + 1, lines.findIndex((line, i) => i > lines.indexOf('backend booking') && line === ''));

describe('haproxy.cfg: the booking API', () => {
  it('routes /api/bookings to the booking service ahead of the catalog', () => {
    const toBooking = lines.indexOf('use_backend booking if { path /api/bookings } || { path_beg /api/bookings/ }');
    const toCatalog = lines.findIndex((line) => line.startsWith('use_backend catalog_api'));
    expect(toBooking).toBeGreaterThan(-1);
    expect(toBooking).toBeLessThan(toCatalog);
    expect(booking).toContain('server booking booking:3000 check');
  });

  it('tracks lookups only, counts their 404s, and answers 429 with Retry-After past the limit', () => {
    expect(booking).toContain('acl booking_lookup path_reg ^/api/bookings/[^/]+(/cancel)?/?$');
    expect(booking).toContain('http-request track-sc0 src if booking_lookup');
    expect(booking).toContain('http-response sc-inc-gpc0(0) if { status 404 } { sc0_tracked }');
    const refusals = booking.filter((line) => line.startsWith('http-request return status 429'));
    expect(refusals).toHaveLength(2);
    for (const refusal of refusals) {
      expect(refusal).toContain('hdr Retry-After 10');
      expect(refusal).toMatch(/if booking_lookup \{ sc0_(gpc0_rate gt 5|http_req_rate gt 1000) \}$/);
    }
    // The creation path is not a lookup: its regular expression never matches /api/bookings itself.
    expect(new RegExp('^/api/bookings/[^/]+(/cancel)?/?$').test('/api/bookings')).toBe(false);
    expect(new RegExp('^/api/bookings/[^/]+(/cancel)?/?$').test('/api/bookings/1234567890/cancel')).toBe(true);
  });

  it('replays only GETs on another try: a POST may have created a booking already', () => {
    expect(booking).toContain('http-request disable-l7-retry unless METH_GET');
  });
});
